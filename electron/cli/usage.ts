// Help texts of the `khizana` command.

export const mainHelp = `khizana — an offline research archive with Arabic-aware full-text search

Usage: khizana [--archive DIR] <command> [options]

Commands:
  import <path...> [--tag T]... [--json]   import files and folders (recursive)
  search <query> [--limit N] [--offset N] [--sort relevance|newest|oldest] [--json]
  show <id> [--json]                       show an item with its text, tags and notes
  edit <id> [--title T] [--author A]... [--date D] [--url U] [--publication P] [--lang L]
                                           correct an article's details ('' clears one)
  cite <id...> | --query Q [--format csl-json|bibtex|ris|text] [--style apa|chicago]
                                           citations of items or of a search's articles
  tag <id> <tag>                           add a tag (hierarchical: syria/idlib)
  untag <id> <tag>                         remove a tag
  tags [--json]                            list tags with item counts
  tags rename OLD NEW | tags delete TAG    rename (or merge) a tag and its sub-tags | remove it from every item
  note add [--on <id>] <text>              write a note, standalone or on an item
  notes [--on <id>] [--json]               list notes
  annotate <id> --quote Q [--comment C] [--color C] [--occurrence N]
                                           highlight a passage of an article, with a comment
  annotations [--on <id>] [--json]         list annotations in reading order
  annotation delete|restore <aid>          delete an annotation (restore brings it back)
  backlinks <id> [--json]                  the notes that link to an item or note
  delete <id>                              move an item (and the notes on it) to the trash
  undelete <id>                            bring an item back from the trash
  trash [--json] | trash empty             list the trash | delete its items for good
  serve [--port N]                         the app in your browser, on 127.0.0.1 only
  backup FILE [--json]                     write a backup file (while the app or serve runs, too)
  restore FILE [--json]                    restore a backup into --archive DIR (new or empty)
  export DIR|FILE.zip [--query Q] [--json] export to Markdown, JSON lines and the originals

Options:
  --archive DIR   the archive folder (default: $KHIZANA_ARCHIVE, else your OS data folder)
  --help, -h      help for khizana or for a command: khizana <command> --help
  --version       print the version

Examples:
  khizana import ~/articles --tag syria/idlib
  khizana search 'ادلب الفصائل'
  khizana search '"ولا تهنوا"' --json
  khizana search 'tag:syria -assad "air strike"'
`;

export const commandHelp: Record<string, string> = {
  import: `Usage: khizana import <path...> [--tag T]... [--json]

Imports files and folders (folders recursively; hidden files are skipped).
Supported: see the README. A Khizana export (its folder or .zip) is imported
back as it was: same uids, text, tags, notes and saved searches. Exact duplicates (same bytes, or the same text in
another encoding) are reported as "duplicate", never stored twice.

  --tag T    tag every imported item (repeatable; hierarchical: syria/idlib)
  --json     JSON Lines: one object per file, printed as soon as that file is settled
             {"path","status":"imported"|"duplicate"|"failed"|"skipped","id"?,"duplicateOf"?,"error"?:{"code","message"},"warnings"?}
             then a last line {"summary":{"imported","duplicates","failed","skipped","cancelled"}}

Exit status: 0 when nothing failed, 1 when some file failed (the others are
still imported), 2 for a usage error.`,
  search: `Usage: khizana search <query> [--limit N] [--offset N] [--sort relevance|newest|oldest] [--json]

Query language:
  words          all must match (Arabic: diacritics, alef forms, ال/و/بال… prefixes handled)
  "a phrase"     the words next to each other
  a OR b         either
  -word, NOT w   exclude
  word*          prefix (one with very many words, like ا*, is searched as its 50 most frequent)
  =word          exact form only (no stemming), for names
  word~          typo-tolerant
  tag:syria      items tagged syria or syria/…;   -tag:x excludes
  title:word     in titles only
  type:article|note   lang:ar   before:2020-01-01   after:2015   in:notes

  --limit N   hits to show (default 20, at most 1000)
  --offset N  skip the first N hits
  --json      {"total","hits":[{"id","kind","title","snippet","highlights":[[start,end]…],"score","tags"}],
              "didYouMean"?,"notices"?:[{"code":"prefix-limited","term","kept","of"}]}
              (highlights are offsets into snippet, in UTF-16 code units)`,
  show: `Usage: khizana show <id> [--json]

Prints an item: title, source, tags, notes and its text.`,
  edit: `Usage: khizana edit <id> [--title T] [--author A]... [--date D] [--url U] [--publication P] [--lang L] [--json]

Corrects an article's details; a later import of the same file keeps them.
  --title T        the title (cannot be empty); searchable at once
  --author A       an author, repeat for each, in order ("Smith, John" or "John Smith";
                   Arabic names as written); the list replaces the old one; --author '' clears it
  --date D         publication date: 2015, 2015-07 or 2015-07-21; --date '' clears it
  --url U          the web address (http:// or https://); --url '' clears it
  --publication P  newspaper, site or publisher; --publication '' clears it
  --lang L         language (BCP 47: ar, en, en-GB); --lang '' clears it
  --json           {"id","title","authors","publication","publishedAt","url","lang","edited"}
A bad value (2015-13-40, ftp://…) changes nothing and exits with 2. Notes take their title
from their first line: edit their text instead.`,
  cite: `Usage: khizana cite <id...> | --query Q [--format csl-json|bibtex|ris|text] [--style apa|chicago] [--locale en-US|ar]

Prints citations of the given articles, or of every article a search finds.
  --format text      a bibliography in --style, one entry a line (default)
  --format csl-json  a CSL-JSON array (Zotero, Pandoc, citeproc)
  --format bibtex    BibTeX entries;  --format ris  RIS records (EndNote, Zotero, Mendeley)
  --style apa|chicago   APA 7th (default) or Chicago author-date
  --locale en-US|ar     the language of the style's own words and months (default en-US)
Titles and names stay as written (Arabic stays Arabic). Works offline.`,
  tag: 'Usage: khizana tag <id> <tag>\n\nAdds a tag to an item. Tags are paths: syria/idlib is inside syria.',
  untag: 'Usage: khizana untag <id> <tag>\n\nRemoves a tag from an item.',
  tags: `Usage: khizana tags [--json]
       khizana tags rename OLD NEW [--json]
       khizana tags delete TAG [--json]

Lists every tag with the number of items under it (sub-tags included, each item once).
rename: the tag's sub-tags follow (syria -> sy makes syria/idlib sy/idlib); onto an existing
tag the two merge (the existing tag's colour is kept); a change of case (Syria -> syria) is a
rename; saved searches with tag:OLD are updated.
delete: removes the tag and its sub-tags from every item.
An unknown tag exits with 2.`,
  note: `Usage: khizana note add [--on <id>] <text>

Writes a note (Markdown). With --on it is attached to that item; notes are
found by search like articles (in:notes searches notes only).`,
  notes: 'Usage: khizana notes [--on <id>] [--json]\n\nLists notes, newest first (or those attached to one item).',
  annotate: `Usage: khizana annotate <id> --quote "…" [--comment "…"] [--color C] [--occurrence N] [--json]

Highlights a passage of an article, with an optional Markdown comment. The quote is
found in the item's text ignoring diacritics (harakat, tatweel), alef forms (أ إ آ → ا),
ى/ي, ة/ه, upper/lower case and how the spaces and line breaks fall, so type it plainly.
A quote that is not in the item, or that occurs more than once, is an error that says
so: quote more of the passage, or choose one with --occurrence N (1 = the first).

  --color C        yellow (default), green, blue, pink or purple
  --json           the annotation as one JSON object`,
  annotations: `Usage: khizana annotations [--on <id>] [--json]

Lists annotations (of one item with --on) in reading order, each where its passage
is in the text now. One whose passage is no longer in the text (the item was
re-extracted) is listed as orphaned, never dropped. --json: a JSON array of
{id, uid, itemId, itemUid, itemTitle, exact, prefix, suffix, position, resolved,
orphaned, page, color, comment, createdAt, updatedAt}.`,
  annotation: `Usage: khizana annotation delete <aid>
       khizana annotation restore <aid>

Deletes an annotation (by its number or uid, from khizana annotations), or brings a
deleted one back.`,
  backlinks: `Usage: khizana backlinks <id> [--json]

Lists the notes that link to an item or note, each with the sentence the link is in
(notes in the trash are left out). A note links with [Title](khizana:<uid>); the uid
is in khizana show <id> --json.
  --json   a JSON array: [{"fromId","fromUid","fromTitle","sentence"}], one entry per link`,
  delete: 'Usage: khizana delete <id>\n\nMoves an item and the notes attached to it to the trash (khizana undelete <id> brings them back).',
  undelete: 'Usage: khizana undelete <id>\n\nBrings an item back from the trash, with the notes that went there with it.',
  trash: `Usage: khizana trash [--json]
       khizana trash empty [--json]

Lists the items in the trash (newest first), or deletes them for good: their rows,
index entries, attached notes and original files (files/ in the archive folder).`,
  backup: `Usage: khizana backup [FILE] [--json]

Writes one file (a tar) holding a consistent snapshot of the archive's database,
every original file and a manifest with the size and sha256 of each. Safe while
the app or \`khizana serve\` is using the archive. FILE must not exist yet; it is
written as FILE.partial and renamed when complete. Without FILE the backup goes
into the backup folder set in the app (the newest 7 are kept there).

  --json   the result as one JSON object`,
  restore: `Usage: khizana --archive DIR restore FILE [--json]

Restores a backup into DIR, which must not exist or be empty. Every file is
checked against the backup's manifest first: a damaged, incomplete or foreign
file is refused and nothing is written to DIR.

  --json   the result as one JSON object`,
  export: `Usage: khizana export DIR|FILE.zip [--query Q] [--json]

Exports the archive in an open format anyone can read without Khizana: one
Markdown file per article and per note (YAML front matter: uid, title, authors,
dates, tags, source file, sha256), items.jsonl with every field, tags.json
(with colours), saved-searches.json and the original files. Open the folder as
an Obsidian vault to read the notes. DIR must be new or empty; FILE.zip must not
exist. \`khizana import DIR|FILE.zip\` brings an export back into an archive.

  --query Q   only the items this search finds (and the notes attached to them)
  --json      the result as one JSON object`,
  serve: `Usage: khizana serve [--port N]

Serves the Khizana UI and the archive on http://127.0.0.1 only, protected by a
random token printed at start. Stop it with Ctrl+C.`,
};
