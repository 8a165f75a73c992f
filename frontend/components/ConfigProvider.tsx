"use client";

import { createContext, useContext, type ReactNode } from "react";

export interface PublicConfig {
  /** Warden's base URL (read on the server at request time). */
  apiUrl: string;
}

const ConfigContext = createContext<PublicConfig | null>(null);

export function ConfigProvider({ value, children }: { value: PublicConfig; children: ReactNode }) {
  return <ConfigContext.Provider value={value}>{children}</ConfigContext.Provider>;
}

export function usePublicConfig(): PublicConfig {
  const v = useContext(ConfigContext);
  if (!v) throw new Error("usePublicConfig outside ConfigProvider");
  return v;
}
