-- Link previews (docs/sharing.md): each rendering stores the description and the picture that
-- links to its page show, computed with the HTML when the revision is rendered. Renderings stored
-- before this migration keep NULL: the link preview fills a current revision's on its first view
-- (lib/server/render-revision.ts), and `npm run wiki -- derived:rebuild` fills every current one.

-- AlterTable
ALTER TABLE "rendered_revisions" ADD COLUMN     "description" TEXT,
ADD COLUMN     "preview_file" TEXT;
