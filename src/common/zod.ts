// zod/mini rather than zod: validation is on the way to the first connection, and the mini build loads in
// about half the time. It leaves error messages to a locale, which full zod loads by itself.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export * from 'zod/mini';
