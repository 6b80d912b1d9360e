// The phone layout's breakpoint, as styles.css has it (`max-width: 760px`):
// there a lesson's narration is a bottom sheet over the ring.

export const PHONE_QUERY = '(max-width: 760px)';

export function isPhoneLayout(): boolean {
  return typeof matchMedia !== 'undefined' && matchMedia(PHONE_QUERY).matches;
}
