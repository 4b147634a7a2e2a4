import type { DocumentLintRule } from '../rule.js'

/** An approved document must say who approved it. */
export const signoffMissing: DocumentLintRule = {
  id: 'signoff-missing',
  severity: 'error',
  description: { en: 'The status is "approved" but nobody signed the document off.', uz: 'Holat "approved" (tasdiqlangan), lekin hujjatni hech kim imzolamagan.' },
  check: (doc) =>
    doc.doc.meta.status === 'approved' && doc.doc.meta.signoff.every((name) => !name.trim())
      ? [{
          pos: 0,
          target: doc.target,
          message: {
            en: 'The status is "approved", but nobody signed it off: add the stakeholders who approved it to "signoff", or set the status back to in-review.',
            uz: 'Holat "approved" (tasdiqlangan), lekin hech kim imzolamagan: tasdiqlagan manfaatdor tomonlarni "signoff" roʻyxatiga qoʻshing yoki holatni in-review ga qaytaring.',
          },
        }]
      : [],
}
