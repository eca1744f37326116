export { ReceiptHandleCodec, type ReceiptFields } from './receipt-handle.js';
