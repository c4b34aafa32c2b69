export const versitygwPin: { module: string; version: string };
export const versitygwPatchFile: string;
export function versitygwBinaryPath(): string;
