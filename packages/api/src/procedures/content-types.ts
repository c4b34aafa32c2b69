// What a Django REST Framework server accepted, and so what mobile clients send.
import type { OpenApiContentType } from 'trpc-to-openapi';

export const FORM_CONTENT_TYPES: OpenApiContentType[] = [
  'application/json',
  'application/x-www-form-urlencoded',
];
export const UPLOAD_CONTENT_TYPES: OpenApiContentType[] = [...FORM_CONTENT_TYPES, 'multipart/form-data'];
