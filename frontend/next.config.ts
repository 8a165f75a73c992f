import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [
      // X-Frame-Options, nosniff, Referrer-Policy... on every response.
      // Pages get their CSP (with a per-request nonce) from proxy.ts.
      { source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] },
      // The auth API only returns JSON: nothing may run or embed it.
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

export default nextConfig;
