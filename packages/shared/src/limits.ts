/** Limits shared by server validation and console forms. */
export const LIMITS = {
  /** Largest JSON request body the API accepts. */
  maxJsonBodyBytes: 1024 * 1024,
  passwordMinLength: 10,
  passwordMaxLength: 200,
  nameMaxLength: 100,
  emailMaxLength: 254,
  descriptionMaxLength: 1000,
  /** Failed sign-ins for one email before it is locked. */
  loginFailuresBeforeLock: 5,
  loginLockMinutes: 15,
  /** Sign-in attempts per IP per minute. */
  loginAttemptsPerIpPerMinute: 20,
  sessionTtlDays: 14,
  inviteTtlDays: 7,
  pageSizeMax: 200,
  pageSizeDefault: 50,
  teamMembersMax: 500,
  messagePageMax: 200,
  /** Largest attachment (picture or file) a customer or agent may upload. */
  maxAttachmentBytes: 10 * 1024 * 1024,
  /**
   * Widget uploads: per visitor and per client IP (many visitors behind one IP, or one abuser minting
   * visitor tokens), per window. More get 429 RATE_LIMITED with `details.retryAfter` in seconds.
   */
  widgetUploadsPerVisitor: 20,
  widgetUploadsPerIp: 60,
  widgetUploadWindowMs: 10 * 60 * 1000,
  /** Leave-a-message (留言) submissions, per visitor and per client IP. */
  leaveMessagesPerVisitor: 5,
  leaveMessagesPerIp: 20,
  leaveMessageWindowMs: 60 * 60 * 1000,
  /** An upload no message uses within this time is deleted by the maintenance job. */
  unattachedUploadTtlMs: 24 * 60 * 60 * 1000,
} as const;
