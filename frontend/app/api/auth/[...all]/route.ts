import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth";

// Better Auth: /api/auth/sign-up/email, /sign-in/email, /sign-out,
// /get-session, /token (the JWT for Warden), /jwks (its public keys)...
// The auth object is created on first request, so `next build` needs no secret.
const handler = toNextJsHandler((request: Request) => getAuth().handler(request));

export const { GET, POST, PUT, PATCH, DELETE } = handler;
export const dynamic = "force-dynamic";
