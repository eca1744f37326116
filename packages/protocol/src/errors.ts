/**
 * The one catalogue of every error Sluice can return (STYLE.md "Errors"). Each entry says how the
 * error looks on both SQS wire protocols, so the server throws `new SqsError('QueueDoesNotExist')`
 * and never thinks about protocols. Codes are never reused; clients match on `code`.
 *
 * Sources: the `awsQueryError` traits of the SQS Smithy model (HTTP status and Query code of every
 * modeled error), the JSON protocol page (`__type` is `com.amazonaws.sqs#<Shape>`), the AWS common
 * errors page, and the codes real SQS returns for unmodeled errors (Coral's
 * `com.amazon.coral.service#...Exception` types, with the Query code in `x-amzn-query-error`).
 */

export type ErrorFault = 'Sender' | 'Receiver';

export interface ErrorCatalogueEntry {
  readonly httpStatus: number;
  /** The JSON protocol body's `__type`. */
  readonly jsonType: string;
  /** The Query protocol `<Code>`, also sent in the JSON `x-amzn-query-error` header. */
  readonly queryCode: string;
  readonly fault: ErrorFault;
  /** Whether a client may retry the same request unchanged and expect it to succeed. */
  readonly retryable: boolean;
  /** The message used when the thrower gives none. */
  readonly message: string;
  /** SQS words some default messages differently on the Query protocol. */
  readonly queryMessage?: string;
  /** Internal errors never reach a client as themselves: they are sent as ServiceUnavailable. */
  readonly internal?: boolean;
}

const sqsType = (shape: string): string => `com.amazonaws.sqs#${shape}`;
const coralType = (name: string): string => `com.amazon.coral.service#${name}`;
const availabilityType = (name: string): string => `com.amazon.coral.availability#${name}`;

/** A modeled SQS error: `__type` names the shape; most are the sender's fault and final. */
function modeled(
  shape: string,
  queryCode: string,
  httpStatus: number,
  message: string,
): ErrorCatalogueEntry {
  return {
    httpStatus,
    jsonType: sqsType(shape),
    queryCode,
    fault: 'Sender',
    retryable: false,
    message,
  };
}

/** A common AWS error: not in the SQS model, typed by the Coral framework on the JSON protocol. */
function common(
  jsonType: string,
  queryCode: string,
  httpStatus: number,
  message: string,
): ErrorCatalogueEntry {
  return { httpStatus, jsonType, queryCode, fault: 'Sender', retryable: false, message };
}

const modeledErrors = {
  BatchEntryIdsNotDistinct: modeled(
    'BatchEntryIdsNotDistinct',
    'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
    400,
    'Two or more batch entries in the request have the same Id.',
  ),
  BatchRequestTooLong: modeled(
    'BatchRequestTooLong',
    'AWS.SimpleQueueService.BatchRequestTooLong',
    400,
    'The length of all the messages put together is more than the limit.',
  ),
  EmptyBatchRequest: modeled(
    'EmptyBatchRequest',
    'AWS.SimpleQueueService.EmptyBatchRequest',
    400,
    'The batch request does not contain any entries.',
  ),
  InvalidAddress: modeled(
    'InvalidAddress',
    'InvalidAddress',
    404,
    'The address is not valid for this endpoint.',
  ),
  InvalidAttributeName: modeled(
    'InvalidAttributeName',
    'InvalidAttributeName',
    400,
    'The specified attribute does not exist.',
  ),
  InvalidAttributeValue: modeled(
    'InvalidAttributeValue',
    'InvalidAttributeValue',
    400,
    'A queue attribute value is invalid.',
  ),
  InvalidBatchEntryId: modeled(
    'InvalidBatchEntryId',
    'AWS.SimpleQueueService.InvalidBatchEntryId',
    400,
    'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
  ),
  InvalidIdFormat: modeled(
    'InvalidIdFormat',
    'InvalidIdFormat',
    400,
    'The specified receipt handle is not valid for the current version.',
  ),
  InvalidMessageContents: modeled(
    'InvalidMessageContents',
    'InvalidMessageContents',
    400,
    'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
  ),
  InvalidSecurity: modeled(
    'InvalidSecurity',
    'InvalidSecurity',
    403,
    'The request was not made over HTTPS or did not use SigV4 for signing.',
  ),
  KmsAccessDenied: modeled(
    'KmsAccessDenied',
    'KMS.AccessDeniedException',
    400,
    'The caller does not have the required KMS access.',
  ),
  KmsDisabled: modeled('KmsDisabled', 'KMS.DisabledException', 400, 'The KMS key is disabled.'),
  KmsInvalidKeyUsage: modeled(
    'KmsInvalidKeyUsage',
    'KMS.InvalidKeyUsageException',
    400,
    'The KMS key cannot be used for this operation.',
  ),
  KmsInvalidState: modeled(
    'KmsInvalidState',
    'KMS.InvalidStateException',
    400,
    'The KMS key is not in a valid state for this request.',
  ),
  KmsNotFound: modeled('KmsNotFound', 'KMS.NotFoundException', 400, 'The KMS key was not found.'),
  KmsOptInRequired: modeled(
    'KmsOptInRequired',
    'KMS.OptInRequired',
    403,
    'The account is not subscribed to KMS.',
  ),
  KmsThrottled: {
    ...modeled('KmsThrottled', 'KMS.ThrottlingException', 400, 'KMS throttled the request.'),
    retryable: true,
  },
  MessageNotInflight: modeled(
    'MessageNotInflight',
    'AWS.SimpleQueueService.MessageNotInflight',
    400,
    'The specified message is not in flight.',
  ),
  OverLimit: modeled('OverLimit', 'OverLimit', 403, 'The specified action violates a limit.'),
  PurgeQueueInProgress: modeled(
    'PurgeQueueInProgress',
    'AWS.SimpleQueueService.PurgeQueueInProgress',
    403,
    'Only one PurgeQueue operation on a queue is allowed every 60 seconds.',
  ),
  QueueDeletedRecently: modeled(
    'QueueDeletedRecently',
    'AWS.SimpleQueueService.QueueDeletedRecently',
    400,
    'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
  ),
  QueueDoesNotExist: {
    ...modeled(
      'QueueDoesNotExist',
      'AWS.SimpleQueueService.NonExistentQueue',
      400,
      'The specified queue does not exist.',
    ),
    queryMessage: 'The specified queue does not exist for this wsdl version.',
  },
  QueueNameExists: modeled(
    'QueueNameExists',
    'QueueAlreadyExists',
    400,
    'A queue already exists with the same name and a different value for an attribute.',
  ),
  ReceiptHandleIsInvalid: modeled(
    'ReceiptHandleIsInvalid',
    'ReceiptHandleIsInvalid',
    404,
    'The specified receipt handle is not valid.',
  ),
  RequestThrottled: {
    ...modeled('RequestThrottled', 'RequestThrottled', 403, 'Request is throttled.'),
    retryable: true,
  },
  ResourceNotFoundException: modeled(
    'ResourceNotFoundException',
    'ResourceNotFoundException',
    404,
    'One or more specified resources do not exist.',
  ),
  TooManyEntriesInBatchRequest: modeled(
    'TooManyEntriesInBatchRequest',
    'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    400,
    'The batch request contains more entries than permissible.',
  ),
  UnsupportedOperation: modeled(
    'UnsupportedOperation',
    'AWS.SimpleQueueService.UnsupportedOperation',
    400,
    'Error code 400. Unsupported operation.',
  ),
} as const satisfies Record<string, ErrorCatalogueEntry>;

const requestErrors = {
  InvalidParameterValue: common(
    coralType('InvalidParameterValueException'),
    'InvalidParameterValue',
    400,
    'An invalid or out-of-range value was supplied for the input parameter.',
  ),
  MissingParameter: common(
    coralType('MissingRequiredParameterException'),
    'MissingParameter',
    400,
    'A required parameter for the specified action is not supplied.',
  ),
  InvalidAction: common(
    coralType('UnknownOperationException'),
    'InvalidAction',
    400,
    'The action or operation requested is invalid. Verify that the action is typed correctly.',
  ),
  MissingAction: common(
    coralType('UnknownOperationException'),
    'MissingAction',
    400,
    'The request is missing an action or a required parameter.',
  ),
  InvalidQueryParameter: common(
    coralType('InvalidQueryParameterException'),
    'InvalidQueryParameter',
    400,
    'The AWS query string is malformed or does not adhere to AWS standards.',
  ),
  /** 404 is what the AWS common-errors page documents for this code. */
  MalformedQueryString: common(
    coralType('MalformedQueryStringException'),
    'MalformedQueryString',
    404,
    'The query string contains a syntax error.',
  ),
  /** What SQS answers a JSON body that is not JSON or has a member of the wrong type. */
  SerializationException: common(
    coralType('SerializationException'),
    'SerializationException',
    400,
    'The request body could not be deserialized.',
  ),
  RequestEntityTooLarge: common(
    coralType('RequestEntityTooLargeException'),
    'RequestEntityTooLarge',
    413,
    'The request body is larger than any valid request.',
  ),
} as const satisfies Record<string, ErrorCatalogueEntry>;

const authErrors = {
  InvalidClientTokenId: common(
    coralType('UnrecognizedClientException'),
    'InvalidClientTokenId',
    403,
    'The security token included in the request is invalid.',
  ),
  SignatureDoesNotMatch: common(
    coralType('InvalidSignatureException'),
    'SignatureDoesNotMatch',
    403,
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  ),
  IncompleteSignature: common(
    coralType('IncompleteSignatureException'),
    'IncompleteSignature',
    400,
    'The request signature does not conform to AWS standards.',
  ),
  MissingAuthenticationToken: common(
    coralType('MissingAuthenticationTokenException'),
    'MissingAuthenticationToken',
    403,
    'Request is missing Authentication Token',
  ),
  RequestExpired: common(
    coralType('RequestExpired'),
    'RequestExpired',
    400,
    'Request has expired.',
  ),
  AccessDenied: common(
    coralType('AccessDeniedException'),
    'AccessDenied',
    403,
    'Access to the resource is denied.',
  ),
} as const satisfies Record<string, ErrorCatalogueEntry>;

const serviceErrors = {
  ThrottlingException: {
    ...common(availabilityType('ThrottlingException'), 'ThrottlingException', 400, 'Rate exceeded'),
    retryable: true,
  },
  /** A bug in Sluice: never expected, so it is logged loudly. SDKs retry 5xx. */
  InternalError: {
    ...common(
      coralType('InternalFailure'),
      'InternalError',
      500,
      'We encountered an internal error. Please try again.',
    ),
    fault: 'Receiver',
    retryable: true,
  },
  ServiceUnavailable: {
    ...common(
      availabilityType('ServiceUnavailableException'),
      'ServiceUnavailable',
      503,
      'The request has failed due to a temporary failure of the server.',
    ),
    fault: 'Receiver',
    retryable: true,
  },
  /** A broker is not (or no longer) the partition leader; the gateway retries elsewhere. */
  NotLeader: {
    ...common(
      availabilityType('ServiceUnavailableException'),
      'ServiceUnavailable',
      503,
      'This node is not the leader of the partition.',
    ),
    fault: 'Receiver',
    retryable: true,
    internal: true,
  },
} as const satisfies Record<string, ErrorCatalogueEntry>;

export const errorCatalogue = {
  ...modeledErrors,
  ...requestErrors,
  ...authErrors,
  ...serviceErrors,
} as const satisfies Record<string, ErrorCatalogueEntry>;

export type SqsErrorCode = keyof typeof errorCatalogue;

/** Every code, in catalogue order. */
export const sqsErrorCodes = Object.keys(errorCatalogue) as readonly SqsErrorCode[];

/** An SQS error: an operating error (bad input, missing queue), never a programmer error. */
export class SqsError extends Error {
  override readonly name = 'SqsError';
  readonly code: SqsErrorCode;
  /** True when the thrower gave no message, so the protocol's own default wording applies. */
  readonly usesDefaultMessage: boolean;

  constructor(code: SqsErrorCode, message?: string) {
    const entry: ErrorCatalogueEntry = errorCatalogue[code];
    super(message ?? entry.message);
    this.code = code;
    this.usesDefaultMessage = message === undefined;
  }

  get entry(): ErrorCatalogueEntry {
    return errorCatalogue[this.code];
  }

  get httpStatus(): number {
    return this.entry.httpStatus;
  }

  get retryable(): boolean {
    return this.entry.retryable;
  }
}

export function isSqsError(value: unknown): value is SqsError {
  return value instanceof SqsError;
}

/** `Value <value> for parameter <name> is invalid. Reason: <reason>` — SQS's own wording. */
export function invalidParameterValue(name: string, value: unknown, reason: string): SqsError {
  return new SqsError(
    'InvalidParameterValue',
    `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`,
  );
}

/** `The request must contain the parameter <name>.` — SQS's own wording. */
export function missingParameter(name: string): SqsError {
  return new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);
}
