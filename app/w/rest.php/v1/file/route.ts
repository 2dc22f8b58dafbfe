import { listFilesEndpoint } from '@/lib/server/rest/file-list';
import { createFile } from '@/lib/server/rest/file-write';

// GET /w/rest.php/v1/file?q=&limit= lists files (the editor's Insert image picker); POST uploads a
// new file (multipart/form-data). The logic lives in lib/server/rest.
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return listFilesEndpoint(request);
}

export function POST(request: Request): Promise<Response> {
  return createFile(request);
}
