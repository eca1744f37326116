/**
 * Evaluates an SQS queue policy (the Policy attribute) the way AWS does for a resource policy:
 * an explicit Deny that matches wins; otherwise the queue owner's account is allowed; otherwise a
 * matching Allow is needed. Statements with elements Sluice does not evaluate (Condition,
 * NotPrincipal, NotAction, NotResource) fail closed: such an Allow grants nothing, such a Deny
 * denies. A policy that is not valid JSON grants nothing.
 */

export interface AccessRequest {
  /** The authenticated caller's account. */
  readonly principalAccountId: string;
  readonly ownerAccountId: string;
  /** The IAM action, `sqs:SendMessage`. */
  readonly action: string;
  /** The queue's ARN. */
  readonly resourceArn: string;
}

export type AccessDecision = 'allow' | 'deny';

export function evaluatePolicy(
  policyText: string | undefined,
  request: AccessRequest,
): AccessDecision {
  const statements = readStatements(policyText);
  let allowed = request.principalAccountId === request.ownerAccountId;
  for (const statement of statements) {
    if (!appliesTo(statement, request)) continue;
    const unsupported = hasUnsupportedElement(statement);
    if (statement['Effect'] === 'Deny') return 'deny';
    if (statement['Effect'] === 'Allow' && !unsupported) allowed = true;
  }
  return allowed ? 'allow' : 'deny';
}

type Statement = Readonly<Record<string, unknown>>;

function readStatements(policyText: string | undefined): Statement[] {
  if (policyText === undefined || policyText === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(policyText);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const statements = (parsed as Record<string, unknown>)['Statement'];
  const list = Array.isArray(statements) ? (statements as unknown[]) : [statements];
  return list.filter(
    (statement): statement is Statement =>
      typeof statement === 'object' && statement !== null && !Array.isArray(statement),
  );
}

const unsupportedElements = ['Condition', 'NotPrincipal', 'NotAction', 'NotResource'] as const;

function hasUnsupportedElement(statement: Statement): boolean {
  return unsupportedElements.some((name) => statement[name] !== undefined);
}

/**
 * Whether the statement names this principal, action and resource. A Deny with an element Sluice
 * cannot evaluate is taken to apply (fail closed) as far as that element goes.
 */
function appliesTo(statement: Statement, request: AccessRequest): boolean {
  const isDeny = statement['Effect'] === 'Deny';
  const principalMatches =
    statement['Principal'] === undefined
      ? isDeny && statement['NotPrincipal'] !== undefined
      : principalMatchesAccount(statement['Principal'], request.principalAccountId);
  const actionMatches =
    statement['Action'] === undefined
      ? isDeny && statement['NotAction'] !== undefined
      : anyPattern(statement['Action'], (pattern) => actionMatchesPattern(request.action, pattern));
  // A resource policy is attached to the queue, so a statement without Resource is about it.
  const resourceMatches =
    statement['Resource'] === undefined ||
    anyPattern(statement['Resource'], (pattern) =>
      wildcardMatches(pattern, request.resourceArn, false),
    );
  return principalMatches && actionMatches && resourceMatches;
}

function principalMatchesAccount(principal: unknown, accountId: string): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const aws = (principal as Record<string, unknown>)['AWS'];
  return anyPattern(
    aws,
    (name) => name === '*' || name === accountId || name === `arn:aws:iam::${accountId}:root`,
  );
}

/** Actions compare case-insensitively (`SQS:SendMessage` = `sqs:sendmessage`); `*` alone is all. */
function actionMatchesPattern(action: string, pattern: string): boolean {
  return pattern === '*' || wildcardMatches(pattern, action, true);
}

function anyPattern(value: unknown, matches: (pattern: string) => boolean): boolean {
  if (typeof value === 'string') return matches(value);
  if (!Array.isArray(value)) return false;
  return value.some((each) => typeof each === 'string' && matches(each));
}

/**
 * IAM wildcards: `*` any run of characters, `?` any one character; nothing else is special.
 * Greedy matching with one backtrack point, so time is O(pattern x text) whatever the pattern.
 */
export function wildcardMatches(pattern: string, text: string, ignoreCase: boolean): boolean {
  const wanted = ignoreCase ? pattern.toLowerCase() : pattern;
  const actual = ignoreCase ? text.toLowerCase() : text;
  let patternIndex = 0;
  let textIndex = 0;
  let starIndex = -1;
  let starTextIndex = 0;
  while (textIndex < actual.length) {
    const character = wanted[patternIndex];
    if (character === '*') {
      starIndex = patternIndex++;
      starTextIndex = textIndex;
    } else if (character === '?' || (character !== undefined && character === actual[textIndex])) {
      patternIndex++;
      textIndex++;
    } else if (starIndex >= 0) {
      patternIndex = starIndex + 1;
      textIndex = ++starTextIndex;
    } else {
      return false;
    }
  }
  while (wanted[patternIndex] === '*') patternIndex++;
  return patternIndex === wanted.length;
}
