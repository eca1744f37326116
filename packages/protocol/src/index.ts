/**
 * @sluice/protocol: the SQS wire protocols (JSON 1.0 and Query/XML), request validation, MD5
 * digests, queue addresses and the error catalogue. Pure functions over buffers and strings.
 */
export {
  sqsActions,
  sqsApiVersion,
  sqsXmlNamespace,
  jsonTargetPrefix,
  isSqsAction,
  type SqsAction,
} from './actions.js';
export {
  SqsError,
  errorCatalogue,
  sqsErrorCodes,
  isSqsError,
  invalidParameterValue,
  missingParameter,
  type SqsErrorCode,
  type ErrorCatalogueEntry,
  type ErrorFault,
} from './errors.js';
export type * from './input-types.js';
export type * from './output-types.js';
export {
  queueAttributeNames,
  readOnlyQueueAttributeNames,
  fifoOnlyQueueAttributeNames,
  messageSystemAttributeNames,
  messageSystemAttributeNamesForSends,
  isQueueAttributeName,
  isMessageSystemAttributeName,
  type QueueAttributeName,
  type MessageSystemAttributeName,
} from './attribute-names.js';
export {
  parseRequest,
  type ParsedRequest,
  type HttpRequestParts,
  type WireProtocol,
} from './parse-request.js';
export { serializeResponse, serializeError, type HttpResponseParts } from './serialize-response.js';
export { batchResultErrorEntry } from './batch-result.js';
export { validateRequest, type RequestValidation } from './validate-request.js';
export {
  validateSendForQueue,
  validateFifoId,
  type QueueKind,
  type SendParameters,
} from './validate-fifo.js';
export {
  findInvalidCharacter,
  messageSizeBytes,
  validateMessageBody,
  validateMessageSize,
} from './validate-message.js';
export { validateMessageAttributes, baseDataType } from './validate-message-attributes.js';
export { validateMessageToSend, validateMessageSystemAttributes } from './validate-send-message.js';
export { validateBatchEntries, validateBatchSize, isValidBatchEntryId } from './validate-batch.js';
export {
  validateQueueAttributes,
  validateQueueAttributesForQueueType,
  validateQueueAttributeNamesToGet,
  isFifoQueueRequested,
} from './validate-queue-attributes.js';
export {
  validateQueueName,
  isValidQueueNameSyntax,
  isFifoQueueName,
} from './validate-queue-name.js';
export { validateTags, validateTagKeys, validateQueueTagCount } from './validate-tags.js';
export {
  parseRedrivePolicy,
  parseRedriveAllowPolicy,
  redrivePermissions,
  type RedrivePolicy,
  type RedriveAllowPolicy,
  type RedrivePermission,
} from './redrive-policy.js';
export {
  bodyDigestMethod,
  md5OfMessageBody,
  digestBodies,
  type DigestedBodies,
  md5OfMessageAttributes,
  md5OfMessageSystemAttributes,
} from './md5.js';
export {
  buildQueueUrl,
  buildQueueArn,
  parseQueueUrl,
  tryParseQueueUrl,
  parseQueueArn,
  isAccountId,
  type QueueAddress,
  type QueueArn,
} from './queue-address.js';
