import { createFile } from '@/lib/server/rest/file-write';

// POST /w/rest.php/v1/file uploads a new file (multipart/form-data). The logic lives in lib/server/rest.
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return createFile(request);
}
