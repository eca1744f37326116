/**
 * The output shape of every action, for the Query protocol's XML (element names are the model's
 * locationNames; every list and map is flattened). Actions without output map to `undefined`.
 */
import type { SqsAction } from './actions.js';
import { attributeValueShape } from './input-schema.js';
import {
  booleanShape,
  listOf,
  longShape,
  mapOf,
  member,
  required,
  stringShape,
  structure,
  integerShape,
  type StructureShape,
} from './shape.js';

const string = stringShape;

const batchResultErrorEntry = structure([
  required('Id', string),
  required('SenderFault', booleanShape),
  required('Code', string),
  member('Message', string),
]);

const failed = required('Failed', listOf(batchResultErrorEntry), 'BatchResultErrorEntry');
const idOnly = structure([required('Id', string)]);

const message = structure([
  member('MessageId', string),
  member('ReceiptHandle', string),
  member('MD5OfBody', string),
  member('Body', string),
  member('Attributes', mapOf(string), { wireName: 'Attribute' }),
  member('MD5OfMessageAttributes', string),
  member('MessageAttributes', mapOf(attributeValueShape), { wireName: 'MessageAttribute' }),
]);

const moveTask = structure([
  member('TaskHandle', string),
  member('Status', string),
  member('SourceArn', string),
  member('DestinationArn', string),
  member('MaxNumberOfMessagesPerSecond', integerShape),
  member('ApproximateNumberOfMessagesMoved', longShape),
  member('ApproximateNumberOfMessagesToMove', longShape),
  member('FailureReason', string),
  member('StartedTimestamp', longShape),
]);

export const outputSchemas: Readonly<Record<SqsAction, StructureShape | undefined>> = {
  AddPermission: undefined,
  CancelMessageMoveTask: structure([member('ApproximateNumberOfMessagesMoved', longShape)]),
  ChangeMessageVisibility: undefined,
  ChangeMessageVisibilityBatch: structure([
    required('Successful', listOf(idOnly), 'ChangeMessageVisibilityBatchResultEntry'),
    failed,
  ]),
  CreateQueue: structure([member('QueueUrl', string)]),
  DeleteMessage: undefined,
  DeleteMessageBatch: structure([
    required('Successful', listOf(idOnly), 'DeleteMessageBatchResultEntry'),
    failed,
  ]),
  DeleteQueue: undefined,
  GetQueueAttributes: structure([member('Attributes', mapOf(string), { wireName: 'Attribute' })]),
  GetQueueUrl: structure([member('QueueUrl', string)]),
  ListDeadLetterSourceQueues: structure([
    required('queueUrls', listOf(string), 'QueueUrl'),
    member('NextToken', string),
  ]),
  ListMessageMoveTasks: structure([
    member('Results', listOf(moveTask), { wireName: 'ListMessageMoveTasksResultEntry' }),
  ]),
  ListQueueTags: structure([member('Tags', mapOf(string, 'Key', 'Value'), { wireName: 'Tag' })]),
  ListQueues: structure([
    member('QueueUrls', listOf(string), { wireName: 'QueueUrl' }),
    member('NextToken', string),
  ]),
  PurgeQueue: undefined,
  ReceiveMessage: structure([member('Messages', listOf(message), { wireName: 'Message' })]),
  RemovePermission: undefined,
  SendMessage: structure([
    member('MD5OfMessageBody', string),
    member('MD5OfMessageAttributes', string),
    member('MD5OfMessageSystemAttributes', string),
    member('MessageId', string),
    member('SequenceNumber', string),
  ]),
  SendMessageBatch: structure([
    required(
      'Successful',
      listOf(
        structure([
          required('Id', string),
          required('MessageId', string),
          required('MD5OfMessageBody', string),
          member('MD5OfMessageAttributes', string),
          member('MD5OfMessageSystemAttributes', string),
          member('SequenceNumber', string),
        ]),
      ),
      'SendMessageBatchResultEntry',
    ),
    failed,
  ]),
  SetQueueAttributes: undefined,
  StartMessageMoveTask: structure([member('TaskHandle', string)]),
  TagQueue: undefined,
  UntagQueue: undefined,
};
