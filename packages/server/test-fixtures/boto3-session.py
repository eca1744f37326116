"""Drives Sluice with Debian's python3-boto3 (botocore 1.29, which speaks the SQS Query protocol).

Usage: /usr/bin/python3 boto3-session.py <endpoint-url>
Prints one JSON document with what each step observed; the Node test asserts on it.
botocore itself checks MD5OfMessageBody and MD5OfMessageAttributes on send and receive.
"""
import json
import sys

import boto3
import botocore
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
sqs = boto3.client(
    "sqs",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
)
out = {"botocore": botocore.__version__}

url = sqs.create_queue(QueueName="boto-standard", Attributes={"VisibilityTimeout": "45"})["QueueUrl"]
out["queueUrl"] = url
out["getQueueUrl"] = sqs.get_queue_url(QueueName="boto-standard")["QueueUrl"]
out["listQueues"] = sqs.list_queues(QueueNamePrefix="boto-").get("QueueUrls", [])

sent = sqs.send_message(
    QueueUrl=url,
    MessageBody="body with <xml> & \"quotes\" \r\n and \u00e9",
    MessageAttributes={
        "s": {"DataType": "String", "StringValue": "text"},
        "n": {"DataType": "Number", "StringValue": "42"},
        "b": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xff"},
    },
)
out["sentMessageId"] = sent["MessageId"]
batch = sqs.send_message_batch(
    QueueUrl=url,
    Entries=[{"Id": "one", "MessageBody": "b1"}, {"Id": "two", "MessageBody": "b2", "DelaySeconds": 0}],
)
out["batchSuccessful"] = sorted(entry["Id"] for entry in batch.get("Successful", []))

received = sqs.receive_message(
    QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"], AttributeNames=["All"]
)["Messages"]
first = [m for m in received if m["MessageId"] == sent["MessageId"]][0]
out["receivedBody"] = first["Body"]
out["receivedAttributes"] = {
    name: value.get("StringValue", value.get("BinaryValue", b"").hex())
    for name, value in first["MessageAttributes"].items()
}
out["receiveCount"] = first["Attributes"]["ApproximateReceiveCount"]
out["receivedCount"] = len(received)

sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=first["ReceiptHandle"], VisibilityTimeout=100)
sqs.delete_message(QueueUrl=url, ReceiptHandle=first["ReceiptHandle"])
rest = [m for m in received if m["MessageId"] != sent["MessageId"]]
deleted = sqs.delete_message_batch(
    QueueUrl=url, Entries=[{"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(rest)]
)
out["batchDeleted"] = len(deleted.get("Successful", []))

sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "3"})
attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
out["attributes"] = {key: attributes[key] for key in ("VisibilityTimeout", "DelaySeconds", "ApproximateNumberOfMessages", "QueueArn")}

sqs.tag_queue(QueueUrl=url, Tags={"team": "core"})
out["tags"] = sqs.list_queue_tags(QueueUrl=url).get("Tags", {})

fifo = sqs.create_queue(QueueName="boto.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
first_fifo = sqs.send_message(QueueUrl=fifo, MessageBody="f", MessageGroupId="g")
again = sqs.send_message(QueueUrl=fifo, MessageBody="f", MessageGroupId="g")
out["fifoDuplicateSameId"] = first_fifo["MessageId"] == again["MessageId"]
out["fifoSequenceNumber"] = first_fifo.get("SequenceNumber")

try:
    sqs.get_queue_url(QueueName="does-not-exist")
    out["missingQueueError"] = None
except ClientError as error:
    out["missingQueueError"] = error.response["Error"]["Code"]
    out["missingQueueStatus"] = error.response["ResponseMetadata"]["HTTPStatusCode"]

try:
    sqs.delete_message(QueueUrl=url, ReceiptHandle="forged")
    out["forgedReceiptError"] = None
except ClientError as error:
    out["forgedReceiptError"] = error.response["Error"]["Code"]

sqs.purge_queue(QueueUrl=url)
sqs.delete_queue(QueueUrl=fifo)
out["afterDelete"] = sqs.list_queues(QueueNamePrefix="boto").get("QueueUrls", [])
print(json.dumps(out))
