import type { Text } from '../i18n.ts';

/** Bulk xlsx imports. */
export const IMPORT_ERRORS = {
  IMPORT_FILE_UNREADABLE: {
    status: 400,
    text: {
      'zh-CN': '无法读取文件，请上传 Excel（.xlsx）文件',
      'zh-HK': '無法讀取檔案，請上載 Excel（.xlsx）檔案',
      en: 'The file cannot be read; upload an Excel (.xlsx) file',
    },
  },
  IMPORT_BUSY: {
    status: 409,
    text: {
      'zh-CN': '该组织已有导入正在进行，或系统正忙，请稍后再试',
      'zh-HK': '該組織已有匯入正在進行，或系統正忙，請稍後再試',
      en: 'An import for this organization is already running, or the system is busy; try again later',
    },
  },
  IMPORT_COLUMN_MISSING: {
    status: 400,
    text: {
      'zh-CN': '缺少必需的列，请使用导入模板',
      'zh-HK': '缺少必需的欄，請使用匯入範本',
      en: 'A required column is missing; use the import template',
    },
  },
  IMPORT_EMPTY: {
    status: 400,
    text: {
      'zh-CN': '文件中没有数据行',
      'zh-HK': '檔案中沒有資料列',
      en: 'The file has no data rows',
    },
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 400,
    text: {
      'zh-CN': '一个文件最多 100,000 行，请分成多个文件导入',
      'zh-HK': '一個檔案最多 100,000 列，請分成多個檔案匯入',
      en: 'A file may hold at most 100,000 rows; split it into several files',
    },
  },
  IMPORT_CELL_REQUIRED: {
    status: 400,
    text: { 'zh-CN': '此项必填', 'zh-HK': '此項必填', en: 'This cell is required' },
  },
  IMPORT_CELL_INVALID: {
    status: 400,
    text: { 'zh-CN': '内容格式不正确', 'zh-HK': '內容格式不正確', en: 'The value is not valid' },
  },
  IMPORT_NUMBER_NOT_TEXT: {
    status: 400,
    text: {
      'zh-CN': '长数字被 Excel 存成了数值，末尾几位已丢失；请把该列设为“文本”后重新填写',
      'zh-HK': '長數字被 Excel 存成了數值，末尾幾位已遺失；請把該欄設為「文字」後重新填寫',
      en: 'Excel stored this long number as a number and lost its last digits; format the column as text and enter it again',
    },
  },
  IMPORT_DUPLICATE_IN_FILE: {
    status: 400,
    text: {
      'zh-CN': '与文件中的另一行是同一人',
      'zh-HK': '與檔案中的另一列是同一人',
      en: 'The same person as another row of the file',
    },
  },
  IMPORT_RECORD_DUPLICATE_IN_FILE: {
    status: 400,
    text: {
      'zh-CN': '与文件中的另一行是同一志愿者、同一天、同一活动',
      'zh-HK': '與檔案中的另一列是同一義工、同一天、同一活動',
      en: 'The same volunteer, day and activity as another row of the file',
    },
  },
  IMPORT_NAME_MISMATCH: {
    status: 400,
    text: {
      'zh-CN': '姓名与该志愿者登记的姓名不一致',
      'zh-HK': '姓名與該義工登記的姓名不一致',
      en: "The name does not match the volunteer's registered name",
    },
  },
  IMPORT_NOTHING_PENDING: {
    status: 409,
    text: {
      'zh-CN': '该批次没有待审核的服务时长',
      'zh-HK': '該批次沒有待審核的服務時數',
      en: 'This import has no hours waiting for a decision',
    },
  },
  IMPORT_NOT_HOURS: {
    status: 400,
    text: {
      'zh-CN': '只有服务时长导入需要审核',
      'zh-HK': '只有服務時數匯入需要審核',
      en: 'Only imports of service hours are approved',
    },
  },
  IMPORT_INTERRUPTED: {
    status: 503,
    text: {
      'zh-CN': '导入因服务重启而中断，未写入任何数据，请重新上传',
      'zh-HK': '匯入因服務重新啟動而中斷，未寫入任何資料，請重新上載',
      en: 'The import was interrupted by a restart and wrote nothing; upload the file again',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
