/** MediaWiki's "View source": the page's text, read-only, for someone who may not edit it. */
export function ViewSource({ text }: { text: string }) {
  return (
    <div className="view-source">
      <p>You can view and copy the source of this page.</p>
      <label htmlFor="view-source-text">Source of this page (read-only)</label>
      <textarea id="view-source-text" className="view-source-text" readOnly rows={25} defaultValue={text} />
    </div>
  );
}
