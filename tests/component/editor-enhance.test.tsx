import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enhanceTextarea } from '@/components/editor/enhance';

// CodeMirror measures text through Range rectangles, which jsdom lacks; empty ones let it mount.
// Taken away afterwards: the component files share one document, and without them the edit form
// keeps its plain textarea there (components/editor/enhance.ts canEnhance).
beforeAll(() => {
  Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => new DOMRect();
});
afterAll(() => {
  delete (Range.prototype as Partial<Range>).getClientRects;
  delete (Range.prototype as Partial<Range>).getBoundingClientRect;
});

let form: HTMLFormElement;
afterEach(() => form.remove());

function editForm(text: string) {
  form = document.createElement('form');
  form.innerHTML = `<label for="wpTextbox1">Content</label><textarea id="wpTextbox1" name="content"></textarea><div class="host"></div>`;
  document.body.append(form);
  const textarea = form.querySelector('textarea')!;
  textarea.value = text;
  return { textarea, host: form.querySelector<HTMLElement>('.host')!, label: form.querySelector('label')! };
}

const options = { placeholders: () => ({}) as never, onText: () => undefined };

describe('enhancing the edit form’s textarea', () => {
  it('keeps what was typed in the textarea between the mount and the swap', async () => {
    const { textarea, host } = editForm('Before');
    const enhancement = (await enhanceTextarea(textarea, host, options, new AbortController().signal))!;
    expect(host.hidden).toBe(true);
    // One control named Content at any time, and the one on screen: the textarea until the swap.
    expect(document.querySelectorAll('label[for="wpTextbox1"]')).toHaveLength(1);
    expect(host.querySelector('[aria-labelledby]')).toBeNull();
    textarea.value = 'Before, and more';
    enhancement.show();
    expect(host.hidden).toBe(false);
    expect(document.querySelectorAll('label[for="wpTextbox1"]')).toHaveLength(0);
    expect(host.querySelector('[aria-labelledby]')).not.toBeNull();
    expect(enhancement.api.view.state.doc.toString()).toBe('Before, and more');
    enhancement.remove();
  });

  it('mounts the editor once when the editor was remounted while its code loaded', async () => {
    const { textarea, host, label } = editForm('Some text');
    const first = new AbortController();
    const firstMount = enhanceTextarea(textarea, host, options, first.signal);
    first.abort(); // the component went away before the chunk arrived, and came back
    const second = await enhanceTextarea(textarea, host, options, new AbortController().signal);

    expect(await firstMount).toBeNull();
    expect(second).not.toBeNull();
    expect(textarea.hidden).toBe(false); // shown with its toolbar, in one commit
    second!.show();
    expect(host.querySelectorAll('.cm-editor')).toHaveLength(1);
    expect(textarea.hidden).toBe(true);
    expect(label.hasAttribute('for')).toBe(false);
    expect(host.querySelector('[aria-labelledby]')?.getAttribute('aria-labelledby')).toBe(label.id);
    expect(second!.api.view.state.doc.toString()).toBe('Some text');
  });

  it('gives the plain, labelled textarea back with the editor’s text when removed', async () => {
    const { textarea, host, label } = editForm('Before');
    const enhancement = (await enhanceTextarea(textarea, host, options, new AbortController().signal))!;
    enhancement.show();
    enhancement.api.setText('After');
    enhancement.remove();

    expect(textarea.hidden).toBe(false);
    expect(label.getAttribute('for')).toBe('wpTextbox1');
    expect(textarea.value).toBe('After');
    expect(host.querySelector('.cm-editor')).toBeNull();
  });
});
