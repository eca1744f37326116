/** Who a request comes from, once authenticated. */
export interface Principal {
  /** The account the request acts as: its queue namespace and its identity in queue policies. */
  readonly accountId: string;
  /** The key that signed the request; undefined when credentials are not configured. */
  readonly accessKeyId: string | undefined;
  /** May delete and purge queues and use the admin API. */
  readonly admin: boolean;
}
