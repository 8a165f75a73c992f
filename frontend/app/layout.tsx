import type { Metadata } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import { ConfigProvider } from "@/components/ConfigProvider";
import { apiBaseUrl } from "@/lib/server-env";
import "./globals.css";

export const metadata: Metadata = {
  title: "Warden — tasks",
  description: "Your tasks, guarded by Warden",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request: the CSP nonce from proxy.ts must reach every page, and
  // the API URL below is read from the running server's environment.
  await connection();
  return (
    <html lang="en">
      <body>
        <ConfigProvider value={{ apiUrl: apiBaseUrl() }}>
          <div className="shell">{children}</div>
        </ConfigProvider>
      </body>
    </html>
  );
}
