const URDU_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function valid(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * A date typed into a date field, as `YYYY-MM-DD`, or null: `2027-02-10`, or day first as written in
 * Pakistan and Britain (`10/02/2027`, `10-2-2027`, `10.02.2027`), in Latin, Urdu or Arabic digits.
 */
export function parseTypedDate(text: string): string | null {
  const latin = [...text.trim()]
    .map((c) => {
      const urdu = URDU_DIGITS.indexOf(c);
      if (urdu >= 0) return String(urdu);
      const arabic = ARABIC_DIGITS.indexOf(c);
      return arabic >= 0 ? String(arabic) : c;
    })
    .join('');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(latin);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(latin);
  if (dayFirst) return valid(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return null;
}
