/**
 * The SQS Policy attribute as AddPermission and RemovePermission write it: an IAM-style policy
 * document with one statement per permission label (Sid = label).
 */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal: { AWS: string | string[] } | '*';
  Action: string | string[];
  Resource: string;
}

export interface PolicyDocument {
  Version: string;
  Id: string;
  Statement: PolicyStatement[];
}

export function readPolicy(text: string | undefined, queueArn: string): PolicyDocument {
  if (text === undefined || text === '') {
    return { Version: '2012-10-17', Id: `${queueArn}/SQSDefaultPolicy`, Statement: [] };
  }
  const parsed = JSON.parse(text) as Partial<PolicyDocument>;
  const statements = parsed.Statement;
  return {
    Version: parsed.Version ?? '2012-10-17',
    Id: parsed.Id ?? `${queueArn}/SQSDefaultPolicy`,
    Statement: Array.isArray(statements)
      ? statements
      : statements === undefined
        ? []
        : [statements],
  };
}
