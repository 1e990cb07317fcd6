import { useEffect } from 'react';
import { useForm, type FormErrors, type UseFormInput, type UseFormReturnType } from '@mantine/form';
import type { z } from 'zod';
import { MAX_EVENT_DAYS } from '@hifazat/contract';
import { fieldErrors } from './api';

import type { Translate } from '../i18n';
import type * as FormSchemaModule from './form-schemas';
type Issue = z.core.$ZodIssue;

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Custom rules of the contract (`refine`), by the field they are about. */
const CUSTOM_MESSAGES: Record<string, string> = { phone: 'validation.phone', endDate: 'validation.dates' };

/** One zod issue in the reader's language (zod's own messages are English only). */
export function issueMessage(issue: Issue, value: unknown, t: Translate): string {
  if (isEmpty(value)) return t('validation.required');
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return t('validation.tooLong', { max: issue.maximum });
      if (issue.origin === 'array') return t('validation.tooMany', { max: issue.maximum });
      return t('validation.max', { max: issue.maximum });
    case 'too_small':
      if (issue.origin === 'string') return t('validation.tooShort', { min: issue.minimum });
      return t('validation.min', { min: issue.minimum });
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    case 'invalid_union': {
      // `'' | email`: the branch that is not the empty string says what is wrong.
      const inner = issue.errors.flat().find((i) => i.code !== 'invalid_value');
      return inner ? issueMessage(inner, value, t) : t('validation.invalid');
    }
    case 'custom': {
      const key = CUSTOM_MESSAGES[String(issue.path[0] ?? '')];
      return key ? t(key, { max: MAX_EVENT_DAYS }) : t('validation.invalid');
    }
    default:
      return t('validation.invalid');
  }
}

/**
 * A form resolver on a contract schema: the form's values become the request body (`toBody`), the
 * schema checks it, and each field gets the first problem with it, translated.
 */
export function zodResolver<Values, Body>(schema: z.ZodType, toBody: (values: Values) => Body, t: Translate) {
  return (values: Values): FormErrors => {
    const body = toBody(values);
    const result = schema.safeParse(body);
    const errors: FormErrors = {};
    if (result.success) return errors;
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (field && !(field in errors)) errors[field] = issueMessage(issue, valueAt(body, issue.path), t);
    }
    return errors;
  };
}

type FormSchemas = typeof FormSchemaModule;
/** A request schema a form is checked against, by its name in the contract (lib/form-schemas.ts). */
export type FormSchemaName = keyof FormSchemas;

let schemasLoading: Promise<FormSchemas> | undefined;
let schemasLoaded: FormSchemas | undefined;
/** Fetches the schemas' chunk once; later calls share it. */
export function loadFormSchemas(): Promise<FormSchemas> {
  schemasLoading ??= import('./form-schemas').then((module) => (schemasLoaded = module));
  return schemasLoading;
}

export type ContractFormInput<Values, Body> = Omit<UseFormInput<Values>, 'validate'> & {
  initialValues: Values;
  /** The contract's body schema the request is checked against. */
  schema: FormSchemaName;
  toBody: (values: Values) => Body;
  t: Translate;
  /** The form's own rules besides the schema's (a field this form requires though the API does not). */
  rules?: (values: Values) => FormErrors;
};

/**
 * `useForm` validated by a contract schema; submit handlers get the request body. The schema arrives
 * after the form has drawn: a submit before then waits for it, and if it cannot be fetched the server's
 * own check (a 400 with field errors, applyServerErrors) still puts each problem under its field.
 */
export function useContractForm<Values extends Record<string, unknown>, Body>({
  schema,
  toBody,
  t,
  rules,
  ...input
}: ContractFormInput<Values, Body>): UseFormReturnType<Values> {
  useEffect(() => {
    void loadFormSchemas().catch(() => undefined);
  }, []);
  const form = useForm<Values>({
    ...input,
    validate: (values) => ({ ...(schemasLoaded ? zodResolver(schemasLoaded[schema], toBody, t)(values) : {}), ...rules?.(values) }),
  });
  const onSubmit: UseFormReturnType<Values>['onSubmit'] = (handleSubmit, handleValidationFailure) => (event) => {
    if (schemasLoaded) return form.onSubmit(handleSubmit, handleValidationFailure)(event);
    event?.preventDefault();
    const submit = () => form.onSubmit(handleSubmit, handleValidationFailure)();
    void loadFormSchemas().then(submit, submit);
  };
  return { ...form, onSubmit };
}

/** Puts the field errors of a 400 answer under their fields (the alert above the form says the rest); for `onError`. */
export function applyServerErrors(form: Pick<UseFormReturnType<never>, 'setErrors'>, error: unknown): void {
  const fromServer = fieldErrors(error);
  if (Object.keys(fromServer).length > 0) form.setErrors((current) => ({ ...current, ...fromServer }));
}
