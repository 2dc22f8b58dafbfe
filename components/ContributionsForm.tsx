import { useTranslations } from 'next-intl';

/** Special:Contributions' "search for contributions" form: a user name, sent by GET. */
export function ContributionsForm({ target }: { target: string }) {
  const t = useTranslations('history.contributions');
  return (
    <form method="get" action="/wiki/Special:Contributions" className="changes-filter">
      <fieldset>
        <legend>{t('search')}</legend>
        <label htmlFor="contributions-target">{t('username')}</label> <input id="contributions-target" type="text" name="target" defaultValue={target} required />{' '}
        <button type="submit">{t('submit')}</button>
      </fieldset>
    </form>
  );
}
