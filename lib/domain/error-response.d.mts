export const DATABASE_RETRY_AFTER_SECONDS: 5;
export const ERROR_CACHE_CONTROL: 'no-store';
export function retryAfterValue(seconds: number): string;
export function errorHeaders(options?: { contentType?: string; retryAfterSeconds?: number }): Record<string, string>;
export function errorResponse(body: string, options: { status: number; contentType: string; retryAfterSeconds?: number; headers?: Record<string, string> }): Response;
