import type { IncomingMessage } from 'node:http';
import { isSqsError, SqsError } from '@sluice/protocol';
import type { Services } from '../services.js';
import { signedRequestOf } from './signed-request.js';

export interface AdminRefusal {
  readonly statusCode: number;
  readonly body: { readonly error: string; readonly message: string };
}

const emptyBody = Buffer.alloc(0);

/**
 * With credentials configured, the admin API takes the same SigV4 Authorization header (or
 * presigned query) as SQS, from an admin key. Its routes are GETs without a body, so the empty
 * body's hash is what a signer signs. Returns why the request is refused, or undefined.
 */
export function refuseAdminRequest(
  services: Services,
  request: IncomingMessage,
): AdminRefusal | undefined {
  if (!services.authenticator.enabled) return undefined;
  try {
    const principal = services.authenticator.authenticate(signedRequestOf(request, emptyBody));
    if (!principal.admin) {
      throw new SqsError('AccessDenied', 'The admin API needs an admin key.');
    }
    return undefined;
  } catch (error) {
    if (!isSqsError(error)) throw error;
    return { statusCode: error.httpStatus, body: { error: error.code, message: error.message } };
  }
}
