/** The reader before anything is open: what to do, and the query language at a glance. */
export function ReaderEmpty() {
  return (
    <div className="reader-empty">
      <h2>Select a result to read it</h2>
      <p className="muted">Use ↑ and ↓ in the search box, Enter to open. Ctrl+K (⌘K) jumps back to search.</p>
      <table className="syntax">
        <caption>Search syntax</caption>
        <tbody>
          <tr><td><code dir="auto">ادلب الفصائل</code></td><td>both words, any form (إدلب, الفصائل, فصائل…)</td></tr>
          <tr><td><code dir="auto">"ولا تهنوا"</code></td><td>the exact phrase</td></tr>
          <tr><td><code>Idlib OR Aleppo</code></td><td>either word</td></tr>
          <tr><td><code>-Russia</code></td><td>without this word</td></tr>
          <tr><td><code dir="auto">فصائ*</code></td><td>words starting with…</td></tr>
          <tr><td><code>=Assad</code></td><td>this exact form, no stemming</td></tr>
          <tr><td><code>rebels~</code></td><td>allow a typo</td></tr>
          <tr><td><code>tag:syria title:… lang:ar</code></td><td>fields; also <code>type:note</code>, <code>after:2024-01-01</code>, <code>in:notes</code></td></tr>
        </tbody>
      </table>
    </div>
  );
}
