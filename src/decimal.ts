// The one place decimal.js is imported: money is a Decimal from the moment it is read until it is
// written back as a string. Never use JavaScript numbers for money.
import { Decimal } from 'decimal.js';
export { Decimal };
