import { splitByQuery } from './planFormat';

/** Text with every occurrence of the query marked. */
export function Highlight({ text, query }: { text: string; query: string }) {
  const parts = splitByQuery(text, query);
  return (
    <>
      {parts.map((part, index) =>
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}
