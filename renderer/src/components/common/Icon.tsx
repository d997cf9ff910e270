// A handful of line icons, inline so the app needs no icon font or remote asset.
const paths = {
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM21 21l-4.35-4.35',
  import: 'M12 3v12M7 10l5 5 5-5M4 17v3h16v-3',
  note: 'M5 3h10l4 4v14H5zM15 3v4h4M8 11h8M8 15h8',
  article: 'M5 3h14v18H5zM8 7h8M8 11h8M8 15h5',
  tag: 'M3 3h8l10 10-8 8L3 11zM7.5 7.5h.01',
  items: 'M4 5h16M4 12h16M4 19h16',
  close: 'M6 6l12 12M18 6L6 18',
  up: 'M6 15l6-6 6 6',
  down: 'M6 9l6 6 6-6',
  star: 'M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z',
  folder: 'M3 6h6l2 2h10v11H3z',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  plus: 'M12 5v14M5 12h14',
  chevron: 'M9 6l6 6-6 6',
} as const;

export type IconName = keyof typeof paths;

/** A decorative icon (hidden from assistive technology; the control carries the name). */
export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
