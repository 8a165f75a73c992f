/**
 * What the user sees when their session ends (Better Auth session expired or revoked, or Warden refusing
 * the token after one renewal): the sign-in page with this one message. Shared by the browser, which
 * navigates there, and the server pages, which redirect there.
 */
export const SESSION_ENDED_MESSAGE = "Your session ended, sign in again.";

/** The sign-in page, told to show SESSION_ENDED_MESSAGE and not to bounce back to the dashboard. */
export const SESSION_ENDED_URL = "/sign-in?expired=1";
