import 'server-only';
import type { ApiModule } from '@/lib/server/action-api/module';
import { deleteModule, undeleteModule } from '@/lib/server/action-api/delete';
import { editModule } from '@/lib/server/action-api/edit';
import { moveModule } from '@/lib/server/action-api/move';
import { parseModule } from '@/lib/server/action-api/parse';
import { protectModule } from '@/lib/server/action-api/protect';
import { uploadModule } from '@/lib/server/action-api/upload';
import { watchModule } from '@/lib/server/action-api/watch';

/** Editing and its neighbours (docs/action-api.md, "Writing"), registered in modules.ts at once. */
export const WRITE_MODULES: Readonly<Record<string, ApiModule>> = {
  edit: editModule,
  parse: parseModule,
  move: moveModule,
  delete: deleteModule,
  undelete: undeleteModule,
  protect: protectModule,
  upload: uploadModule,
  watch: watchModule,
};
