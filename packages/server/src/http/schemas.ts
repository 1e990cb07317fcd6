import { zApiError } from '@hifazat/contract';

/** The error answers every signed-in route can give, for the OpenAPI document. */
export const errorResponses = {
  400: zApiError,
  401: zApiError,
  403: zApiError,
  404: zApiError,
} as const;

export const writeErrorResponses = { ...errorResponses, 409: zApiError, 422: zApiError } as const;
