import { CATEGORY_NAMES, type ServiceCategory } from '@yiqi/shared/categories';
import { useText } from '../../lib/locale.tsx';

/**
 * A category's name in the current language (unknown codes as they are). Apart from CategorySelect.tsx so
 * the public activity pages, which only show names, do not load Ant Design's Select (issue 17).
 */
export function useCategoryName(): (code: string) => string {
  const text = useText();
  return (code) => (code in CATEGORY_NAMES ? text(CATEGORY_NAMES[code as ServiceCategory]) : code);
}
