export function ferretDbBinaryPath(): string;
