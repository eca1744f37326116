/**
 * The input shape of every action, transcribed from botocore's SQS model (service-2.json: member
 * names, required members, types) and its Query-era edition (locationName of every flattened list
 * and map, which is the Query parameter name: `Attribute.N.Name`, `SendMessageBatchRequestEntry.N.Id`).
 */
import type { SqsAction } from './actions.js';
import {
  blobShape,
  integerShape,
  listOf,
  mapOf,
  member,
  required,
  stringShape,
  structure,
  type StructureShape,
} from './shape.js';

const string = stringShape;
const integer = integerShape;

/** MessageAttributeValue and MessageSystemAttributeValue. */
export const attributeValueShape = structure([
  member('StringValue', string),
  member('BinaryValue', blobShape),
  member('StringListValues', listOf(string), { wireName: 'StringListValue' }),
  member('BinaryListValues', listOf(blobShape), { wireName: 'BinaryListValue' }),
  required('DataType', string),
]);

const queueUrl = required('QueueUrl', string);
const queueAttributes = (isRequired: boolean) =>
  member('Attributes', mapOf(string), { required: isRequired, wireName: 'Attribute' });
const tagMap = mapOf(string, 'Key', 'Value');

const sendEntryMembers = [
  required('MessageBody', string),
  member('DelaySeconds', integer),
  member('MessageAttributes', mapOf(attributeValueShape), { wireName: 'MessageAttribute' }),
  member('MessageSystemAttributes', mapOf(attributeValueShape), {
    wireName: 'MessageSystemAttribute',
  }),
  member('MessageDeduplicationId', string),
  member('MessageGroupId', string),
];

export const inputSchemas: Readonly<Record<SqsAction, StructureShape>> = {
  AddPermission: structure([
    queueUrl,
    required('Label', string),
    required('AWSAccountIds', listOf(string), 'AWSAccountId'),
    required('Actions', listOf(string), 'ActionName'),
  ]),
  CancelMessageMoveTask: structure([required('TaskHandle', string)]),
  ChangeMessageVisibility: structure([
    queueUrl,
    required('ReceiptHandle', string),
    required('VisibilityTimeout', integer),
  ]),
  ChangeMessageVisibilityBatch: structure([
    queueUrl,
    required(
      'Entries',
      listOf(
        structure([
          required('Id', string),
          required('ReceiptHandle', string),
          member('VisibilityTimeout', integer),
        ]),
      ),
      'ChangeMessageVisibilityBatchRequestEntry',
    ),
  ]),
  CreateQueue: structure([
    required('QueueName', string),
    queueAttributes(false),
    member('tags', tagMap, { wireName: 'Tag' }),
  ]),
  DeleteMessage: structure([queueUrl, required('ReceiptHandle', string)]),
  DeleteMessageBatch: structure([
    queueUrl,
    required(
      'Entries',
      listOf(structure([required('Id', string), required('ReceiptHandle', string)])),
      'DeleteMessageBatchRequestEntry',
    ),
  ]),
  DeleteQueue: structure([queueUrl]),
  GetQueueAttributes: structure([
    queueUrl,
    member('AttributeNames', listOf(string), { wireName: 'AttributeName' }),
  ]),
  GetQueueUrl: structure([required('QueueName', string), member('QueueOwnerAWSAccountId', string)]),
  ListDeadLetterSourceQueues: structure([
    queueUrl,
    member('NextToken', string),
    member('MaxResults', integer),
  ]),
  ListMessageMoveTasks: structure([required('SourceArn', string), member('MaxResults', integer)]),
  ListQueueTags: structure([queueUrl]),
  ListQueues: structure([
    member('QueueNamePrefix', string),
    member('NextToken', string),
    member('MaxResults', integer),
  ]),
  PurgeQueue: structure([queueUrl]),
  ReceiveMessage: structure([
    queueUrl,
    member('AttributeNames', listOf(string), { wireName: 'AttributeName' }),
    member('MessageSystemAttributeNames', listOf(string), {
      wireName: 'MessageSystemAttributeName',
    }),
    member('MessageAttributeNames', listOf(string), { wireName: 'MessageAttributeName' }),
    member('MaxNumberOfMessages', integer),
    member('VisibilityTimeout', integer),
    member('WaitTimeSeconds', integer),
    member('ReceiveRequestAttemptId', string),
  ]),
  RemovePermission: structure([queueUrl, required('Label', string)]),
  SendMessage: structure([queueUrl, ...sendEntryMembers]),
  SendMessageBatch: structure([
    queueUrl,
    required(
      'Entries',
      listOf(structure([required('Id', string), ...sendEntryMembers])),
      'SendMessageBatchRequestEntry',
    ),
  ]),
  SetQueueAttributes: structure([queueUrl, queueAttributes(true)]),
  StartMessageMoveTask: structure([
    required('SourceArn', string),
    member('DestinationArn', string),
    member('MaxNumberOfMessagesPerSecond', integer),
  ]),
  TagQueue: structure([queueUrl, required('Tags', tagMap, 'Tag')]),
  UntagQueue: structure([queueUrl, required('TagKeys', listOf(string), 'TagKey')]),
};
