import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TemplatesUsed } from '@/components/edit/TemplatesUsed';
import { EditForm } from '@/components/EditForm';
import { editFormValuesOf, TEMPLATE_SANDBOX_FIELD } from '@/lib/domain/edit-form';
import { PendingRerendersNotice, TemplateDocumentation } from '@/components/templates/TemplatePageSections';
import { documentationTitleOf } from '@/lib/domain/template-usage';
import { parseTitle } from '@/lib/domain/titles';
import { renderWithIntl } from '../support/intl';

const infobox = parseTitle('Template:Infobox');
const spoiler = parseTitle('Template:Spoiler');
const missing = parseTitle('Template:Nowhere yet');

describe('Templates used on this page', () => {
  it('links each template, red and to its edit form when missing, with its edit protection', () => {
    renderWithIntl(
      <TemplatesUsed
        templates={[
          { title: infobox, exists: true, protection: 'admin' },
          { title: missing, exists: false, protection: null },
          { title: spoiler, exists: true, protection: null },
        ]}
      />,
    );
    const list = screen.getByRole('region', { name: 'Templates used on this page:' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(['Template:Infobox (protected: administrators only)', 'Template:Nowhere yet', 'Template:Spoiler']);
    expect(within(list).getByRole('link', { name: 'Template:Infobox' }).getAttribute('href')).toBe('/wiki/Template:Infobox');
    const red = within(list).getByRole('link', { name: 'Template:Nowhere yet' });
    expect(red.getAttribute('href')).toBe('/wiki/Template:Nowhere_yet?action=edit&redlink=1');
    expect(red.className).toBe('new');
  });

  it('names the preview’s list apart, in Italian too, and shows nothing without templates', () => {
    const { container } = renderWithIntl(<TemplatesUsed templates={[]} />);
    expect(container.textContent).toBe('');
    renderWithIntl(<TemplatesUsed preview templates={[{ title: infobox, exists: true, protection: 'autoconfirmed' }]} />, { locale: 'it' });
    const list = screen.getByRole('region', { name: 'Template usati in questa anteprima:' });
    expect(within(list).getByRole('listitem').textContent).toBe('Template:Infobox (protetto: solo gli utenti autoconvalidati)');
  });
});

describe('a template page', () => {
  it('shows how many pages still wait for the template’s latest text, and nothing when none do', () => {
    const { container } = renderWithIntl(<PendingRerendersNotice count={0} />);
    expect(container.textContent).toBe('');
    renderWithIntl(<PendingRerendersNotice count={1234} />);
    expect(screen.getByRole('status').textContent).toBe('1,234 pages using this template are waiting to be updated with its latest version.');
  });

  it('shows its documentation subpage under it, with links to read, edit and see its history', () => {
    const doc = documentationTitleOf(infobox)!;
    renderWithIntl(<TemplateDocumentation doc={{ title: doc, html: '<p>Shows a box of key facts.</p>' }} mayEdit />);
    const box = screen.getByRole('region', { name: 'Template documentation' });
    expect(within(box).getByText('Shows a box of key facts.')).toBeTruthy();
    expect(within(box).getByRole('link', { name: 'edit' }).getAttribute('href')).toBe('/wiki/Template:Infobox/doc?action=edit');
    expect(within(box).getByRole('link', { name: 'history' }).getAttribute('href')).toBe('/wiki/Template:Infobox/doc?action=history');
    expect(within(box).getByRole('link', { name: 'Template:Infobox/doc' }).getAttribute('href')).toBe('/wiki/Template:Infobox/doc');
  });

  it('invites an editor to write missing documentation, and offers readers no edit links', () => {
    const doc = { title: documentationTitleOf(spoiler)!, html: null };
    renderWithIntl(<TemplateDocumentation doc={doc} mayEdit />);
    const write = screen.getByRole('link', { name: 'Write it on Template:Spoiler/doc' });
    expect(write.getAttribute('href')).toBe('/wiki/Template:Spoiler/doc?action=edit&redlink=1');
    renderWithIntl(<TemplateDocumentation doc={{ title: documentationTitleOf(infobox)!, html: '<p>Doc</p>' }} mayEdit={false} />, { locale: 'it' });
    const box = screen.getByRole('region', { name: 'Documentazione del template' });
    expect(within(box).queryByRole('link', { name: 'modifica' })).toBeNull();
    expect(within(box).getByRole('link', { name: 'cronologia' })).toBeTruthy();
  });

  it('has a documentation subpage only for a template that is not one itself', () => {
    expect(documentationTitleOf(infobox)?.prefixedText).toBe('Template:Infobox/doc');
    expect(documentationTitleOf(parseTitle('Template:Infobox/doc'))).toBeNull();
    expect(documentationTitleOf(parseTitle('Infobox'))).toBeNull();
  });
});

describe('editing a template: preview a page with it', () => {
  const templateValues = { title: 'Template:Infobox', content: '<infobox><title source="name"/></infobox>', summary: '', minor: false, baseRevisionId: '3' };

  it('offers the field only when asked, and posts the page to preview with the preview-with-template intent', async () => {
    let posted: FormData | null = null;
    renderWithIntl(
      <EditForm
        initial={templateValues}
        cancelHref="/wiki/Template:Infobox"
        templateSandbox
        preview={async () => ''}
        action={async (_state, formData) => {
          posted = formData;
          return {
            values: editFormValuesOf(formData),
            sandbox: {
              page: String(formData.get(TEMPLATE_SANDBOX_FIELD)),
              html: '<p>ECPAT with the new box</p>',
              templates: [{ title: infobox, exists: true, protection: null }],
            },
          };
        }}
      />,
    );
    const group = screen.getByRole('group', { name: 'Preview a page with this template' });
    fireEvent.change(within(group).getByLabelText('Page title'), { target: { value: 'ECPAT' } });
    await act(async () => {
      fireEvent.click(within(group).getByRole('button', { name: 'Preview page' }));
    });
    expect(posted!.get('intent')).toBe('preview-with-template');
    expect(posted!.get(TEMPLATE_SANDBOX_FIELD)).toBe('ECPAT');
    const preview = await screen.findByRole('region', { name: 'Preview of ECPAT with this template' });
    expect(preview.textContent).toContain('ECPAT with the new box');
    expect(within(screen.getByRole('region', { name: 'Templates used in this preview:' })).getByRole('link').textContent).toBe('Template:Infobox');
    // The page named stays in the field for the next try.
    expect((within(group).getByLabelText('Page title') as HTMLInputElement).value).toBe('ECPAT');
  });

  it('does not offer it on other pages', () => {
    renderWithIntl(<EditForm initial={{ ...templateValues, title: 'ECPAT' }} cancelHref="/wiki/ECPAT" preview={async () => ''} action={async (state) => state} />);
    expect(screen.queryByRole('group', { name: 'Preview a page with this template' })).toBeNull();
  });
});
