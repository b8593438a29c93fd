// Phone numbers as Graph stores them: `+{country code} {national number}[x{extension}]`
// (docs/graph.md §8). Input is parsed with libphonenumber-js, so E.164 (`+12065551234`, as HR
// systems export it), Graph's own form, and national forms with a country (`(206) 555-1234` with
// -country US) all normalise to that one form. The check is "possible" (the length fits the
// country's plan), not "valid": Graph accepts fictional 555 numbers, and so do we.
import type { ParameterSpec } from '../../../runtime/command.js';
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** The Graph form of the number, or a reason it is not one (for the caller's message). */
export type PhoneParse = { number: string } | { reason: string };

/** A trailing extension in Graph's spelling (`x123`), also `ext 123` / `ext. 123`. */
const EXTENSION = /\s*(?:x|ext\.?\s*)(\d{1,10})\s*$/i;

/** Whether `country` is a two-letter region libphonenumber knows (US, GB, DE …). */
export function knownCountry(country: string): country is CountryCode {
  return /^[A-Za-z]{2}$/.test(country) && isSupportedCountry(country.toUpperCase());
}

/** Parse `text` (with an optional default region) into Graph's `+CC NUMBER[xEXT]`. */
export function parsePhone(text: string, country?: string): PhoneParse {
  // A leading ' is a spreadsheet's text marker (export-csv's formula guard writes one before a
  // leading +): never part of a number, so a round trip through a CSV file still reads.
  const trimmed = text
    .trim()
    .replace(/^'(?=[\s+\d(])/, '')
    .trim();
  const ext = EXTENSION.exec(trimmed);
  const main = ext ? trimmed.slice(0, ext.index) : trimmed;
  const international = main.startsWith('+') || main.startsWith('00');
  if (!international && country === undefined)
    return { reason: 'a national number needs -country (e.g. -country US), or write it with +<country code>' };
  const region = country === undefined ? undefined : (country.toUpperCase() as CountryCode);
  const parsed = parsePhoneNumberFromString(main.startsWith('00') ? `+${main.slice(2)}` : main, region);
  if (!parsed) return { reason: 'no known country code and number in it' };
  if (!parsed.isPossible()) return { reason: 'its length does not fit the country' };
  return { number: `+${parsed.countryCallingCode} ${parsed.nationalNumber}${ext ? `x${ext[1]}` : ''}` };
}

/** -country: the region a national number is read in; binds from a CSV row's `country` column. */
export const countryParam: ParameterSpec = {
  name: 'country',
  type: 'string',
  fromPipeline: 'property',
  placeholder: 'CC',
  description:
    'The two-letter region (US, GB, DE …) a number without +<country code> is read in, e.g. (206) 555-1234 -country US.',
};
