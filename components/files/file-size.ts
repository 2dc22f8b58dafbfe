import { useTranslations } from 'next-intl';

const KIB = 1024;
const MIB = 1024 * 1024;

/** "245 KB", "1.5 MB", "512 bytes" in the reader's language, as MediaWiki sizes files (1 KB = 1,024 bytes). */
export function useFileSize(): (bytes: number) => string {
  const t = useTranslations('files.size');
  return (bytes) => {
    if (bytes < KIB) return t('bytes', { value: bytes });
    if (bytes < MIB) return t('kb', { value: bytes / KIB });
    return t('mb', { value: bytes / MIB });
  };
}
