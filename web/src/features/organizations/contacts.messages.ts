import { defineMessages } from '../../lib/i18n.tsx';

/** The unit's person in charge, handler and contact, as certificates print them. */
export const contactsMessages = defineMessages(
  {
    title: '负责人与联系方式',
    intro:
      '联系人、联系电话和经办人可直接修改（留有记录）。志愿服务记录证明将载明本单位的负责人和联系电话；证明上的经办人为出具证明时登录的管理员本人。',
    personInCharge: '负责人',
    handlerName: '经办人',
    handlerHint: '代表本单位办理登记、数据报送等事务的人员',
    personInChargeByChange: '负责人属于登记事项，请通过下方“变更登记”修改，经审核后生效',
    contactName: '联系人',
    contactPhone: '联系电话',
    phoneKeep: '留空则保留现有号码（{phone}）',
    phoneHint: '固定电话请加区号，如 0755-2688 1234',
    required: '请填写此项',
    tooLong: '不超过 50 个字',
    phoneInvalid: '请输入有效的电话号码',
    save: '保存',
    saved: '已保存负责人与联系方式',
    noPersonInCharge: '尚未登记负责人，本单位暂不能出具志愿服务记录证明。',
  },
  {
    title: '負責人與聯絡方式',
    intro:
      '聯絡人、聯絡電話和經辦人可直接修改（留有記錄）。志願服務記錄證明將載明本單位的負責人和聯絡電話；證明上的經辦人為出具證明時登入的管理員本人。',
    personInCharge: '負責人',
    handlerName: '經辦人',
    handlerHint: '代表本單位辦理登記、數據報送等事務的人員',
    personInChargeByChange: '負責人屬於登記事項，請透過下方「變更登記」修改，經審核後生效',
    contactName: '聯絡人',
    contactPhone: '聯絡電話',
    phoneKeep: '留空則保留現有號碼（{phone}）',
    phoneHint: '固定電話請加區號，如 0755-2688 1234',
    required: '請填寫此項',
    tooLong: '不超過 50 個字',
    phoneInvalid: '請輸入有效的電話號碼',
    save: '儲存',
    saved: '已儲存負責人與聯絡方式',
    noPersonInCharge: '尚未登記負責人，本單位暫不能出具志願服務記錄證明。',
  },
  {
    title: 'Person in charge and contact',
    intro:
      'Contact, phone and handler are edited directly (on record). Certificates show the unit’s person in charge and contact phone; the handler printed is the administrator who issues them, by their own name.',
    personInCharge: 'Person in charge',
    handlerName: 'Handler',
    handlerHint: 'Who handles registration and reporting on the unit’s behalf',
    personInChargeByChange:
      'A registered fact: change it through the change registration below, which is reviewed',
    contactName: 'Contact person',
    contactPhone: 'Contact phone',
    phoneKeep: 'Leave empty to keep the current number ({phone})',
    phoneHint: 'Landlines with the area code, e.g. 0755-2688 1234',
    required: 'Required',
    tooLong: 'At most 50 characters',
    phoneInvalid: 'Enter a valid phone number',
    save: 'Save',
    saved: 'Person in charge and contact saved',
    noPersonInCharge: 'No person in charge on record: the unit cannot issue certificates yet.',
  },
);
