export function ferretDbBinaryPath(cacheHome?: string): string;
