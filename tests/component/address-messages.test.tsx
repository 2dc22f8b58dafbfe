import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignInForm } from '@/components/special/SignInForm';
import { BadRequestNotice } from '@/components/BadRequestNotice';
import { BadTitleNotice } from '@/components/BadTitleNotice';
import { queryProblem } from '@/lib/domain/query-params';
import { renderWithIntl } from '../support/intl';

vi.mock('next-auth/react', () => ({ signIn: vi.fn() }));
afterEach(cleanup);

/*
 * Pages that say why something failed take the reason from their address (/bad-request?reason=…,
 * Special:UserLogin?error=…). Anyone can write such an address into a link, so only the reasons
 * the wiki itself produces are shown; any other text gets a generic message, never the link's words.
 */
const PHISHING = 'Your account is suspended. Call +39 000 000 to restore it.';

describe('the 400 page (/bad-request?reason=…)', () => {
  it('shows the problem proxy.ts found, in the reader’s language', () => {
    const reason = queryProblem((name) => (name === 'oldid' ? 'abc' : null))!;
    const { unmount } = renderWithIntl(<BadRequestNotice reason={reason} />);
    expect(screen.getByText(/^The address is not valid:/).textContent).toBe(`The address is not valid: ${reason}`);
    unmount();
    renderWithIntl(<BadRequestNotice reason={queryProblem((name) => (name === 'limit' ? '0' : null))!} />, { locale: 'it' });
    expect(screen.getByText(/^L'indirizzo non è valido:/).textContent).toMatch(/^L'indirizzo non è valido: "limit" deve essere/);
  });

  it('shows the generic reason for any other text, never the text itself', () => {
    for (const reason of [PHISHING, '<b>bold</b>', '']) {
      const { container, unmount } = renderWithIntl(<BadRequestNotice reason={reason} />);
      expect(screen.getByText(/^The address is not valid:/).textContent).toBe('The address is not valid: a parameter is malformed.');
      if (reason !== '') expect(container.textContent).not.toContain(reason);
      unmount();
    }
    renderWithIntl(<BadRequestNotice reason={undefined} />);
    expect(screen.getByText(/^The address is not valid:/).textContent).toBe('The address is not valid: a parameter is malformed.');
  });
});

describe('the bad-title page (/bad-title?title=…&reason=…)', () => {
  const notice = () => screen.getByText(/^The requested page title is invalid/).textContent;

  it('names the rule the title breaks, found from the title itself, in the reader’s language', () => {
    const { unmount } = renderWithIntl(<BadTitleNotice title="Foo|bar" reason='Title contains the forbidden character "|"' />);
    expect(notice()).toBe('The requested page title is invalid (“Foo|bar”): Title contains the forbidden character "|"');
    unmount();
    const italian = renderWithIntl(<BadTitleNotice title="Foo|bar" reason={PHISHING} />, { locale: 'it' });
    expect(italian.container.textContent).toContain('Il titolo contiene il carattere non ammesso "|"');
    expect(italian.container.textContent).not.toContain(PHISHING);
    italian.unmount();
    renderWithIntl(<BadTitleNotice title="%E0%A4%A" reason="The address contains an invalid percent-encoded sequence." />);
    expect(notice()).toBe('The requested page title is invalid (“%E0%A4%A”): The address contains an invalid percent-encoded sequence.');
  });

  it('shows the generic reason, and no title, when the title breaks no rule, whatever the reason says', () => {
    const { container } = renderWithIntl(<BadTitleNotice title="Call +39 000 000" reason={PHISHING} />);
    expect(notice()).toBe('The requested page title is invalid: it breaks a naming rule.');
    expect(container.textContent).not.toContain(PHISHING);
    expect(container.textContent).not.toContain('Call +39');
  });
});

describe('the sign-in page (Special:UserLogin?error=…)', () => {
  it('shows the message of a code next-auth redirects with, in the reader’s language', () => {
    const { unmount } = renderWithIntl(<SignInForm returnTo="/wiki/Main_Page" addressError="CredentialsSignin" />);
    expect(screen.getByRole('alert').textContent).toBe('Incorrect username or password entered. Please try again.');
    unmount();
    renderWithIntl(<SignInForm returnTo="/wiki/Main_Page" addressError="SessionRequired" />, { locale: 'it' });
    expect(screen.getByRole('alert').textContent).toBe('Accedi per vedere quella pagina.');
  });

  it('shows the generic message for any other text, never the text itself', () => {
    // "constructor" and "__proto__" would be found on a plain object's prototype.
    for (const error of [PHISHING, 'Configuration', 'constructor', '__proto__']) {
      const { container, unmount } = renderWithIntl(<SignInForm returnTo="/wiki/Main_Page" addressError={error} />);
      expect(screen.getByRole('alert').textContent).toBe('Logging in did not work. Please try again.');
      expect(container.textContent).not.toContain(PHISHING);
      unmount();
    }
    renderWithIntl(<SignInForm returnTo="/wiki/Main_Page" addressError={PHISHING} />, { locale: 'it' });
    expect(screen.getByRole('alert').textContent).toBe("L'accesso non è riuscito. Riprova.");
  });

  it('shows nothing when the address has no error', () => {
    renderWithIntl(<SignInForm returnTo="/wiki/Main_Page" />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
