import { reactive } from 'vue';
import { ApiError, messageOf } from '@/api/errors';

/**
 * The API's answer to a form, shown where it belongs: each field the API names gets its Chinese message under
 * that field (`<el-form-item :error="form.errors.amount">`), anything else is the form's message above it.
 *
 *     const form = useFormErrors();
 *     try { await data(api.POST(...)); } catch (error) { form.show(error); }
 */
export function useFormErrors() {
  const state = reactive({
    /** field path (as the API names it) → message */
    errors: {} as Record<string, string>,
    /** the message of the whole form: the API's summary, or a network failure */
    message: null as string | null,
    clear(): void {
      state.errors = {};
      state.message = null;
    },
    /** Shows a failure; returns it so a caller can look at its code. */
    show(error: unknown): unknown {
      state.errors = error instanceof ApiError ? error.fields : {};
      state.message = messageOf(error);
      return error;
    },
  });
  return state;
}
