import type { CreateFeedbackTemplateBody } from '@hifazat/contract';

/**
 * The standard post-workshop questionnaire (issue 10: "post workshop questionnaires confirmed…"):
 * what donors' evaluation forms usually ask after a training — relevance, content, facilitators,
 * venue on a five-point agreement scale, whether the respondent would recommend it, and two open
 * questions. Statements are worded so that agreeing is the favourable answer, so that the means of
 * all Likert items read the same way. The Urdu is plain, everyday Urdu as spoken in Pakistani
 * offices (تربیت کار for facilitator, as everywhere else in the app), not a word-for-word rendering.
 */
export const STANDARD_TEMPLATE: Omit<CreateFeedbackTemplateBody, 'countryCode'> = {
  title: { en: 'Post-workshop questionnaire', ur: 'ورکشاپ کے اختتام پر سوالنامہ' },
  items: [
    {
      kind: 'likert',
      text: { en: 'The workshop was relevant to my work.', ur: 'یہ ورکشاپ میرے کام سے متعلق تھی۔' },
    },
    {
      kind: 'likert',
      text: { en: 'The content was clear and well organised.', ur: 'ورکشاپ کا مواد واضح تھا اور اچھی طرح ترتیب دیا گیا تھا۔' },
    },
    {
      kind: 'likert',
      text: {
        en: 'The facilitators explained the topics well and answered our questions.',
        ur: 'تربیت کاروں نے موضوعات اچھی طرح سمجھائے اور ہمارے سوالات کے جواب دیے۔',
      },
    },
    {
      kind: 'likert',
      text: { en: 'The venue and arrangements (hall, meals, timings) were suitable.', ur: 'مقام اور انتظامات (ہال، کھانا، اوقات) مناسب تھے۔' },
    },
    {
      kind: 'choice',
      text: { en: 'Would you recommend this workshop to a colleague?', ur: 'کیا آپ یہ ورکشاپ اپنے کسی ساتھی کو تجویز کریں گے؟' },
      options: [{ text: { en: 'Yes', ur: 'جی ہاں' } }, { text: { en: 'Maybe', ur: 'شاید' } }, { text: { en: 'No', ur: 'جی نہیں' } }],
    },
    {
      kind: 'text',
      text: { en: 'What was most useful to you in this workshop?', ur: 'اس ورکشاپ میں آپ کے لیے سب سے زیادہ مفید کیا تھا؟' },
    },
    {
      kind: 'text',
      text: { en: 'What could be improved? Your suggestions:', ur: 'کس چیز میں بہتری لائی جا سکتی ہے؟ آپ کی تجاویز:' },
    },
  ],
};
