import { EARLY_TYPING_GLOBAL } from '@/components/early-typing';

// Runs as soon as the page is parsed, before React's scripts: it keeps what is typed into any
// textarea until the form's component takes it (components/early-typing.ts says why).
const SCRIPT = `(function(){var k={};function f(e){var t=e.target;if(t&&t.tagName==='TEXTAREA'&&t.id)k[t.id]=t.value}document.addEventListener('input',f,true);window.${EARLY_TYPING_GLOBAL}={texts:k,stop:function(){document.removeEventListener('input',f,true)}}})();`;

/**
 * The script, allowed by this response's Content-Security-Policy through its nonce (set by proxy.ts;
 * the page reads it from the request and passes it in).
 */
export function KeepEarlyTyping({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
