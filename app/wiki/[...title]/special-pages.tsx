import type { ReactNode } from 'react';
import Link from 'next/link';
import { SignInForm } from '@/components/special/SignInForm';
import { CreateAccountForm } from '@/components/special/CreateAccountForm';
import { safeReturnTo } from '@/lib/domain/accounts';

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

interface SpecialPage {
  title: string;
  render(searchParams: SearchParams): ReactNode;
}

/** Special pages by canonical name (the part after "Special:"), as MediaWiki's SpecialPageFactory. */
export const SPECIAL_PAGES: Record<string, SpecialPage> = {
  UserLogin: {
    title: 'Log in',
    render(searchParams) {
      const returnTo = safeReturnTo(first(searchParams.returnto));
      const error = first(searchParams.error);
      return (
        <>
          <SignInForm returnTo={returnTo} initialError={error && error !== 'CredentialsSignin' ? error : undefined} />
          <p>
            Don’t have an account? <Link href={`/wiki/Special:CreateAccount?returnto=${encodeURIComponent(returnTo)}`}>Join the wiki</Link>.
          </p>
        </>
      );
    },
  },
  CreateAccount: {
    title: 'Create account',
    render(searchParams) {
      return <CreateAccountForm returnTo={safeReturnTo(first(searchParams.returnto))} />;
    },
  },
};
