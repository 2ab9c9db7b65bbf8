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
} as const;
