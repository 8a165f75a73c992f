/**
 * The password rule Better Auth enforces (lib/auth-options.ts hands it these bounds) and the sign-up form words:
 * one value for both, so the message can never promise a length the server refuses.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
