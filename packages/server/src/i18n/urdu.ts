/**
 * Urdu for the messages the server writes. Messages are written in English where they are raised
 * and turned into Urdu at the one boundary that answers the client (http/errors.ts and the import
 * report), so that domain code stays readable. A message missing here stays English; the test
 * beside this file checks the ones users meet most.
 */

const exact: Record<string, string> = {
  // Sign-in and access
  'Sign in first': 'پہلے سائن ان کریں',
  'Too many sign-ins at this moment; try again in a second': 'اس وقت بہت زیادہ سائن ان ہو رہے ہیں؛ ایک سیکنڈ بعد دوبارہ کوشش کریں',
  'The current password is not right': 'موجودہ پاس ورڈ درست نہیں',
  'This server does not answer to that host name; set PUBLIC_URL or ALLOWED_HOSTS':
    'یہ سرور اس میزبان نام (host) پر جواب نہیں دیتا؛ PUBLIC_URL یا ALLOWED_HOSTS مقرر کریں',
  'Host not allowed': 'میزبان نام کی اجازت نہیں',
  'You can give only countries you work in yourself': 'آپ صرف وہی ممالک دے سکتے ہیں جن میں آپ خود کام کرتے ہیں',
  'Only countries you work in yourself': 'صرف وہ ممالک جن میں آپ خود کام کرتے ہیں',
  'The installation is managed by administrators who work in every country': 'تنصیب کا انتظام وہ منتظمین کرتے ہیں جو تمام ممالک میں کام کرتے ہیں',
  'You cannot change your own countries; ask another administrator': 'آپ اپنے ممالک خود تبدیل نہیں کر سکتے؛ کسی دوسرے منتظم سے کہیں',
  'Wrong email or password': 'ای میل یا پاس ورڈ غلط ہے',
  'Enrol a second factor on your account page before reading the reasons given for break-glass openings':
    'ہنگامی رسائی کی وجوہات پڑھنے سے پہلے اکاؤنٹ مینو سے دو مرحلہ سائن اِن ترتیب دیں',
  'Enrol a second factor on your account page before reviewing break-glass openings':
    'ہنگامی رسائیوں کا جائزہ لینے سے پہلے اکاؤنٹ مینو سے دو مرحلہ سائن اِن ترتیب دیں',
  'Enrol a second factor on your account page before opening a case outside your scope':
    'اپنے دائرے سے باہر کوئی کیس کھولنے سے پہلے اکاؤنٹ مینو سے دو مرحلہ سائن اِن ترتیب دیں',
  'You are not allowed to do this': 'آپ کو اس کی اجازت نہیں',
  'Cross-origin request refused': 'کسی دوسری ویب سائٹ سے آنے والی درخواست رد کر دی گئی',
  'Only the trainers of this event and programme managers may change it': 'اس تقریب میں صرف اس کے تربیت کار اور پروگرام منیجر تبدیلی کر سکتے ہیں',
  'Only programme managers may delete events': 'تقریبات صرف پروگرام منیجر حذف کر سکتے ہیں',
  'A trainer may change only the people taking part in events they train, and in no other events; ask a programme manager':
    'تربیت کار صرف ان افراد میں تبدیلی کر سکتا ہے جو صرف اس کی تربیت والی تقریبات میں شریک ہوں، کسی اور تقریب میں نہیں؛ پروگرام مینیجر سے کہیں',
  'Choose the country of the organisation': 'ادارے کا ملک منتخب کریں',
  'This person took part in events in other countries; merge them into another record instead of deleting':
    'یہ فرد دوسرے ممالک کی تقریبات میں شریک رہے؛ حذف کرنے کے بجائے انہیں دوسرے ریکارڈ میں ضم کریں',
  'This organisation is used by records in other countries; change those first': 'یہ ادارہ دوسرے ممالک کے ریکارڈ میں درج ہے؛ پہلے انہیں تبدیل کریں',
  'This programme has events in other countries; move or delete them first': 'اس پروگرام کی دوسرے ممالک میں تقریبات ہیں؛ پہلے انہیں منتقل یا حذف کریں',
  'You may add people only in your own countries': 'آپ صرف اپنے ممالک کے افراد شامل کر سکتے ہیں',
  'You may not add events in this country': 'آپ اس ملک میں تقریب شامل نہیں کر سکتے',
  'You may not add records for this country': 'آپ اس ملک کا ریکارڈ شامل نہیں کر سکتے',
  'You may not move events to this country': 'آپ تقریب کو اس ملک میں منتقل نہیں کر سکتے',
  'You may not move records to this country': 'آپ ریکارڈ کو اس ملک میں منتقل نہیں کر سکتے',
  'Only a user who works in all countries may change an international organisation':
    'بین الاقوامی ادارے میں صرف وہ صارف تبدیلی کر سکتا ہے جو تمام ممالک میں کام کرتا ہو',
  'You may only add programmes in your own countries': 'آپ صرف اپنے ممالک میں پروگرام شامل کر سکتے ہیں',
  'Only a user who works in every country may limit a programme of every country':
    'تمام ممالک کے پروگرام کو صرف وہ صارف محدود کر سکتا ہے جو تمام ممالک میں کام کرتا ہو',
  // Not found
  'Event not found': 'تقریب نہیں ملی',
  'Organisation not found': 'ادارہ نہیں ملا',
  'Participant not found': 'شریک نہیں ملا',
  'Person not found': 'فرد نہیں ملا',
  'Programme not found': 'پروگرام نہیں ملا',
  'User not found': 'صارف نہیں ملا',
  // Conflicts and rules
  'A user with this email exists already': 'اس ای میل کا صارف پہلے سے موجود ہے',
  'An organisation with this name already exists in this country': 'اس ملک میں اس نام کا ادارہ پہلے سے موجود ہے',
  'A person cannot be merged with themselves': 'کسی فرد کو خود اسی کے ساتھ ضم نہیں کیا جا سکتا',
  'A trainer cannot remove themselves from an event; ask a programme manager': 'تربیت کار خود کو تقریب سے نہیں ہٹا سکتا؛ پروگرام منیجر سے کہیں',
  'This person is not on the event list; add them first': 'یہ فرد تقریب کی فہرست میں نہیں؛ پہلے انہیں شامل کریں',
  'You cannot remove your own administrator rights; ask another administrator': 'آپ اپنے منتظم کے اختیارات خود ختم نہیں کر سکتے؛ کسی دوسرے منتظم سے کہیں',
  'The records changed while this was being saved; reload and try again': 'محفوظ کرتے وقت ریکارڈ تبدیل ہو گیا؛ صفحہ دوبارہ کھول کر پھر کوشش کریں',
  'A value cannot be stored': 'ایک قدر محفوظ نہیں کی جا سکتی',
  'Text must be valid Unicode': 'متن درست یونیکوڈ میں ہونا چاہیے',
  'Holds half of a surrogate pair, which is not a character': 'اس میں سروگیٹ جوڑے کا صرف ایک حصہ ہے، جو کوئی حرف نہیں',
  'A merged record keeps values of the two records only': 'ضم شدہ ریکارڈ میں صرف انہی دو ریکارڈز کی معلومات رکھی جا سکتی ہیں',
  'Neither record has this value': 'یہ قدر دونوں میں سے کسی ریکارڈ میں نہیں',
  // A save that failed on the server's side, or that Fastify refused before any route ran
  'Internal error': 'سرور میں اندرونی خرابی پیش آئی؛ دوبارہ کوشش کریں، اور بار بار ہو تو منتظم کو بتائیں',
  'Request body is too large': 'بھیجا گیا مواد بہت بڑا ہے',
  'Request body size did not match Content-Length': 'بھیجا گیا مواد ادھورا پہنچا؛ دوبارہ بھیجیں',
  "Body cannot be empty when content-type is set to 'application/json'": 'بھیجا گیا مواد خالی ہے',
  "Body is not valid JSON but content-type is set to 'application/json'": 'بھیجا گیا مواد درست JSON نہیں',
  // Validation
  'The address is not valid: a malformed %-escape or a part too long': 'ویب پتہ درست نہیں: ‎%‎ کا غلط استعمال یا کوئی حصہ بہت لمبا',
  'Invalid address': 'غلط پتہ',
  'Invalid body': 'بھیجا گیا مواد درست نہیں',
  'Invalid querystring': 'سوال کے پیرامیٹر درست نہیں',
  'Invalid params': 'پتے کے پیرامیٹر درست نہیں',
  'Invalid cursor': 'صفحہ بندی کا نشان درست نہیں',
  'Not a cursor this server gave out': 'یہ نشان اس سرور کا دیا ہوا نہیں',
  'The end date is before the start date': 'اختتامی تاریخ آغاز کی تاریخ سے پہلے ہے',
  'Before the start date': 'آغاز کی تاریخ سے پہلے',
  '"to" is before "from"': '"تا" کی تاریخ "از" کی تاریخ سے پہلے ہے',
  'Invalid value': 'غلط قدر',
  // Figures across events (learning evidence, feedback results)
  'Choose a programme, a series or a period': 'کوئی پروگرام، سلسلہ یا مدت منتخب کریں',
  'Unknown organisation': 'نامعلوم ادارہ',
  'Unknown person': 'نامعلوم فرد',
  'Unknown programme': 'نامعلوم پروگرام',
  'Unknown user': 'نامعلوم صارف',
  'No such organisation': 'ایسا کوئی ادارہ نہیں',
  'No such person': 'ایسا کوئی فرد نہیں',
  'No such programme': 'ایسا کوئی پروگرام نہیں',
  'Not a participant': 'شریک نہیں',
  'Outside the event dates': 'تقریب کی تاریخوں سے باہر',
  'Already registered': 'پہلے سے درج ہے',
  Taken: 'پہلے سے استعمال میں ہے',
  'Same person': 'ایک ہی فرد',
  Required: 'لازمی ہے',
  'At least 10 characters': 'کم از کم 10 حروف',
  'A phone number has digits, spaces and + - ( ) only': 'فون نمبر میں صرف ہندسے، خالی جگہ اور + - ( ) ہو سکتے ہیں',
  'Not an ISO 3166-1 alpha-2 country code': 'ملک کا دو حرفی ISO کوڈ درست نہیں',
  // Imports
  'The file is empty': 'فائل خالی ہے',
  'No rows': 'کوئی قطار نہیں',
  'The CSV file could not be read': 'CSV فائل پڑھی نہیں جا سکی',
  'Something follows the closing quote of a quoted cell before the next comma: put the whole cell in quotes, and write a quote inside it as two ("")':
    'واوین (") میں بند خانے کی آخری واوین کے بعد، اگلے کاما سے پہلے، کچھ اور لکھا ہے: پورا خانہ واوین میں رکھیں، اور خانے کے اندر واوین دو بار ("") لکھیں',
  'A quote after spaces at the start of a cell: remove the spaces before the quote':
    'خانے کے شروع میں خالی جگہ کے بعد واوین ("): واوین سے پہلے کی خالی جگہ ہٹا دیں',
  'A quoted cell is never closed: its closing quote is missing': 'واوین (") میں کھلا خانہ کہیں بند نہیں ہوا: اس کی آخری واوین موجود نہیں',
  'The spreadsheet could not be read; save it as .xlsx or .csv': 'اسپریڈ شیٹ پڑھی نہیں جا سکی؛ اسے ‎.xlsx یا ‎.csv کے طور پر محفوظ کریں',
  'The spreadsheet has no sheets': 'اسپریڈ شیٹ میں کوئی شیٹ نہیں',
  'No sheet': 'کوئی شیٹ نہیں',
  'Not a readable .xlsx file': 'پڑھنے کے قابل ‎.xlsx فائل نہیں',
  'Unreadable spreadsheet': 'ناقابلِ مطالعہ اسپریڈ شیٹ',
  'This is not an .xlsx file (old .xls files: save as .xlsx or .csv)': 'یہ ‎.xlsx فائل نہیں (پرانی ‎.xls فائل کو ‎.xlsx یا ‎.csv کے طور پر محفوظ کریں)',
  'Send the file as multipart/form-data in a field named "file"': 'فائل multipart/form-data کے طور پر "file" نامی خانے میں بھیجیں',
  'No file: send it in a field named "file"': 'کوئی فائل نہیں: اسے "file" نامی خانے میں بھیجیں',
  'The upload could not be read: it ended early or is not well-formed multipart/form-data':
    'بھیجی گئی فائل پڑھی نہیں جا سکی: وہ ادھوری ہے یا درست multipart/form-data نہیں',
  'Unreadable upload': 'ناقابلِ مطالعہ فائل',
  'The spreadsheet merges too many cells; unmerge them or save it as .csv':
    'اسپریڈ شیٹ میں بہت زیادہ خانے ملائے گئے ہیں؛ انہیں الگ کریں یا ‎.csv کے طور پر محفوظ کریں',
  'The spreadsheet has drop-down lists or named ranges over too many cells; remove them or save it as .csv':
    'اسپریڈ شیٹ میں ڈراپ ڈاؤن فہرستیں یا نام والی رینجز بہت زیادہ خانوں پر ہیں؛ انہیں ہٹائیں یا ‎.csv کے طور پر محفوظ کریں',
  'The spreadsheet is too large once unpacked; split it or save it as .csv':
    'اسپریڈ شیٹ کھلنے پر بہت بڑی ہو جاتی ہے؛ اسے تقسیم کریں یا ‎.csv کے طور پر محفوظ کریں',
  'The name is missing': 'نام موجود نہیں',
  'The organisation name is too long': 'ادارے کا نام بہت لمبا ہے',
  'No name column: the first row must name the columns (full_name, sex, organization, …)':
    'نام کا کالم نہیں: پہلی قطار میں کالموں کے نام ہونے چاہییں (full_name، sex، organization، …)',
  'No sex column: counts by sex are required': 'جنس کا کالم نہیں: جنس کے لحاظ سے شمار لازمی ہے',
  'Choose who this row is: one of the registered people it matches, or a new person':
    'منتخب کریں کہ یہ قطار کون ہے: اس سے ملنے والے درج شدہ افراد میں سے کوئی، یا نیا فرد',
  'The person chosen for this row is not one of its candidates': 'اس قطار کے لیے منتخب کیا گیا فرد اس کے ممکنہ افراد میں شامل نہیں',
  'A choice was sent for a line that is not a valid row of this file': 'ایسی سطر کے لیے انتخاب بھیجا گیا جو اس فائل کی درست قطار نہیں',
  'You already have an import running; wait until it has finished': 'آپ کی ایک درآمد پہلے سے جاری ہے؛ اس کے مکمل ہونے کا انتظار کریں',
  'The server is checking other imports; try again in a minute': 'سرور دوسری درآمدات کی جانچ کر رہا ہے؛ ایک منٹ بعد دوبارہ کوشش کریں',
  'The register changed while the file was being checked; check the file again': 'فائل کی جانچ کے دوران ریکارڈ تبدیل ہو گیا؛ فائل کی دوبارہ جانچ کریں',
  'The choices are not valid JSON': 'انتخابات درست JSON نہیں',
  'Not JSON': 'JSON نہیں',
  'The choices must map line numbers to a personId or "new"': 'انتخابات میں ہر سطر نمبر کے سامنے personId یا "new" ہونا چاہیے',
  'A line number': 'سطر نمبر ہونا چاہیے',
  // Changes queued offline and sent later
  'This change id was already used for another change': 'یہ تبدیلی شناخت (id) پہلے ہی کسی اور تبدیلی کے لیے استعمال ہو چکی ہے',
  'Someone else changed this mark meanwhile': 'اس دوران کسی اور نے یہ حاضری تبدیل کر دی',
  'Someone else changed marks of this day meanwhile': 'اس دوران کسی اور نے اس دن کی حاضری تبدیل کر دی',
  'Someone else changed this participant meanwhile': 'اس دوران کسی اور نے اس شریک کی معلومات تبدیل کر دیں',
  'Changed by someone else': 'کسی اور نے تبدیل کیا',
  'Already used': 'پہلے ہی استعمال ہو چکی',
  'The file took too long to check; split it into smaller files': 'فائل کی جانچ میں بہت وقت لگا؛ اسے چھوٹی فائلوں میں تقسیم کریں',
  'The file needs too much memory to check; split it into smaller files': 'فائل کی جانچ کے لیے بہت زیادہ میموری درکار ہے؛ اسے چھوٹی فائلوں میں تقسیم کریں',
  // Tests: the question bank, tests of events, attempts, marking, the public link
  'Question not found': 'سوال نہیں ملا',
  'Test not found': 'ٹیسٹ نہیں ملا',
  'Attempt not found': 'ٹیسٹ کی کوشش نہیں ملی',
  'Test link not found': 'ٹیسٹ کا لنک نہیں ملا',
  'Only a user who works in all countries may change a question shared by every country':
    'تمام ممالک کے مشترکہ سوال میں صرف وہ صارف تبدیلی کر سکتا ہے جو تمام ممالک میں کام کرتا ہو',
  'Only a user who works in all countries may add a question shared by every country':
    'تمام ممالک کے لیے مشترکہ سوال صرف وہ صارف شامل کر سکتا ہے جو تمام ممالک میں کام کرتا ہو',
  'A trainer may change only the questions they wrote; ask a programme manager':
    'تربیت کار صرف اپنے لکھے ہوئے سوالات میں تبدیلی کر سکتا ہے؛ پروگرام منیجر سے کہیں',
  'Choose the country of the question': 'سوال کا ملک منتخب کریں',
  'The options do not fit the type of question': 'اختیارات سوال کی قسم سے مطابقت نہیں رکھتے',
  'Unknown option': 'نامعلوم اختیار',
  'Not an option of this question': 'یہ اس سوال کا اختیار نہیں',
  'This question has been answered; it cannot be deleted': 'اس سوال کا جواب دیا جا چکا ہے؛ اسے حذف نہیں کیا جا سکتا',
  'Unknown question': 'نامعلوم سوال',
  'A question that tests ask keeps its country': 'جو سوال ٹیسٹوں میں شامل ہو اس کا ملک تبدیل نہیں ہوتا',
  'Asked by tests': 'ٹیسٹوں میں شامل ہے',
  'The questions and form of a test stay as they are once it has been answered; make a new test instead':
    'جواب دیے جانے کے بعد ٹیسٹ کے سوالات اور فارم تبدیل نہیں ہوتے؛ اس کے بجائے نیا ٹیسٹ بنائیں',
  'Answered already': 'جواب دیا جا چکا ہے',
  'The answers do not fit the questions of this test': 'جوابات اس ٹیسٹ کے سوالات سے مطابقت نہیں رکھتے',
  'This person is not a participant of the event': 'یہ فرد اس تقریب کا شریک نہیں',
  'These marks do not fit the attempt': 'یہ نمبر اس جوابی پرچے سے مطابقت نہیں رکھتے',
  'Not a question of this attempt': 'یہ اس جوابی پرچے کا سوال نہیں',
  'Not a question of this test': 'یہ اس ٹیسٹ کا سوال نہیں',
  'The same question twice': 'ایک ہی سوال دو بار',
  'The same option twice': 'ایک ہی اختیار دو بار',
  'Only one option may be chosen': 'صرف ایک اختیار منتخب کیا جا سکتا ہے',
  'Choice questions are marked automatically': 'انتخابی سوالات کے نمبر خود بخود لگتے ہیں',
  'A choice question takes options, not text': 'انتخابی سوال میں اختیار منتخب کیا جاتا ہے، عبارت نہیں لکھی جاتی',
  'A short-answer question takes text, not options': 'مختصر جواب والے سوال میں عبارت لکھی جاتی ہے، اختیار منتخب نہیں کیا جاتا',
  'A short-answer question has no options; a person marks the answer': 'مختصر جواب والے سوال کے اختیارات نہیں ہوتے؛ جواب کے نمبر کوئی فرد لگاتا ہے',
  'A true/false question has exactly 2 options': 'درست/غلط سوال کے بالکل 2 اختیارات ہوتے ہیں',
  'A choice question needs at least 2 options': 'انتخابی سوال کے کم از کم 2 اختیارات ضروری ہیں',
  'At least one option is correct': 'کم از کم ایک اختیار درست ہونا چاہیے',
  'Exactly one option is correct': 'بالکل ایک اختیار درست ہونا چاہیے',
  'Not a test link': 'یہ ٹیسٹ کا لنک نہیں',
  'Not a reference from this list': 'یہ اس فہرست کا حوالہ نہیں',
  'Pick your name or type your personal code (one of the two)': 'اپنا نام منتخب کریں یا اپنا ذاتی کوڈ لکھیں (دونوں میں سے ایک)',
  'Too many requests from this network address; wait a few minutes and send again':
    'اس نیٹ ورک ایڈریس سے بہت زیادہ درخواستیں آئیں؛ چند منٹ انتظار کر کے دوبارہ بھیجیں',
  'Too many wrong names or codes from this network address; wait a few minutes and try again':
    'اس نیٹ ورک ایڈریس سے بہت بار غلط نام یا کوڈ آئے؛ چند منٹ انتظار کر کے دوبارہ کوشش کریں',
  'This test is closed; ask your trainer': 'یہ ٹیسٹ بند ہو چکا ہے؛ اپنے تربیت کار سے پوچھیں',
  'This submission id was already used for another test': 'یہ جمع کرانے کی شناخت (id) پہلے ہی کسی اور ٹیسٹ کے لیے استعمال ہو چکی ہے',
  'No participant of this event has this code; check it and try again': 'اس تقریب کے کسی شریک کا یہ کوڈ نہیں؛ اسے جانچ کر دوبارہ کوشش کریں',
  'This name is not on the list any more; pick it again': 'یہ نام اب فہرست میں نہیں؛ دوبارہ منتخب کریں',
  'Not on the list': 'فہرست میں نہیں',
  'You have answered this test already; one attempt per person': 'آپ یہ ٹیسٹ پہلے ہی دے چکے ہیں؛ ہر فرد ایک بار',
  'This link takes personal codes only; type the code next to your name on the attendance sheet':
    'یہ لنک صرف ذاتی کوڈ قبول کرتا ہے؛ حاضری شیٹ پر اپنے نام کے سامنے لکھا کوڈ درج کریں',
  'Type your personal code': 'اپنا ذاتی کوڈ لکھیں',
  // Certificates
  'Certificate not found': 'سرٹیفکیٹ نہیں ملا',
  'Logo not found': 'لوگو نہیں ملا',
  'Not a certificate number (HZ-2026-XXXX-XXXX)': 'یہ سرٹیفکیٹ نمبر نہیں (HZ-2026-XXXX-XXXX)',
  'This certificate is revoked already': 'یہ سرٹیفکیٹ پہلے ہی منسوخ ہو چکا ہے',
  'This certificate was revoked; it is no longer valid and is not handed out': 'یہ سرٹیفکیٹ منسوخ ہو چکا ہے؛ یہ اب درست نہیں اور جاری نہیں کیا جاتا',
  'Only programme managers may revoke a certificate whose event was deleted': 'جس سرٹیفکیٹ کی تقریب حذف ہو چکی ہو، اسے صرف پروگرام منیجر منسوخ کر سکتے ہیں',
  "The event's title is too long for a certificate (at most 240 bytes); shorten it first":
    'تقریب کا عنوان سرٹیفکیٹ کے لیے بہت لمبا ہے (زیادہ سے زیادہ 240 بائٹ)؛ پہلے اسے مختصر کریں',
  'Too long for a certificate': 'سرٹیفکیٹ کے لیے بہت لمبا',
  'A logo must be a PNG or JPEG image': 'لوگو PNG یا JPEG تصویر ہونا چاہیے',
  'This image cannot be read; save it again as PNG or JPEG': 'یہ تصویر پڑھی نہیں جا سکتی؛ اسے دوبارہ PNG یا JPEG کے طور پر محفوظ کریں',
  'A certificate shows at most 4 logos; remove one first': 'سرٹیفکیٹ پر زیادہ سے زیادہ 4 لوگو آتے ہیں؛ پہلے ایک ہٹائیں',
  'Too many logos': 'بہت زیادہ لوگو',
  'Unknown logo': 'نامعلوم لوگو',
  'Not a logo of this event': 'یہ اس تقریب کا لوگو نہیں',
  'A logo named twice': 'ایک ہی لوگو دو بار',
  'Send the logo as multipart/form-data in a field named "file"': 'لوگو multipart/form-data میں "file" نام کے خانے میں بھیجیں',
  'Too many certificate checks from this network address; wait a few minutes and try again':
    'اس نیٹ ورک ایڈریس سے سرٹیفکیٹ کی بہت زیادہ تصدیقیں ہوئیں؛ چند منٹ انتظار کر کے دوبارہ کوشش کریں',
  'Too many requests for the certificate keys from this network address; wait a few minutes':
    'اس نیٹ ورک ایڈریس سے سرٹیفکیٹ کی کلیدوں کی بہت زیادہ درخواستیں آئیں؛ چند منٹ انتظار کریں',
  'The server is drawing other certificates; try again in a minute': 'سرور اس وقت دوسرے سرٹیفکیٹ تیار کر رہا ہے؛ ایک منٹ بعد دوبارہ کوشش کریں',
  // Feedback questionnaires: templates, the questionnaire of an event, the public link
  'Feedback template not found': 'سوالنامے کا سانچہ نہیں ملا',
  'Feedback form not found': 'سوالنامہ نہیں ملا',
  'Feedback link not found': 'سوالنامے کا لنک نہیں ملا',
  // Awareness campaigns
  'Campaign not found': 'مہم نہیں ملی',
  'Session not found': 'نشست نہیں ملی',
  'Output not found': 'میڈیا مواد نہیں ملا',
  'Evidence not found': 'ثبوت نہیں ملا',
  'Evidence file not found': 'ثبوت کی فائل نہیں ملی',
  'Needs assessment not found': 'ضروریات کا جائزہ نہیں ملا',
  'You may not add campaigns in this country': 'آپ اس ملک میں مہم شامل نہیں کر سکتے',
  'You may not move campaigns to this country': 'آپ مہم کو اس ملک میں منتقل نہیں کر سکتے',
  'Unknown event': 'نامعلوم تقریب',
  'No such event': 'ایسی کوئی تقریب نہیں',
  'Unknown output': 'نامعلوم میڈیا مواد',
  'No such output of this campaign': 'اس مہم کا ایسا کوئی میڈیا مواد نہیں',
  'Unknown needs assessment': 'نامعلوم جائزہ',
  'No such needs assessment': 'ایسا کوئی جائزہ نہیں',
  "The event is in another country than the campaign's": 'یہ تقریب مہم کے ملک کے علاوہ کسی اور ملک میں ہے',
  "The needs assessment is of another country than the campaign's": 'یہ جائزہ مہم کے ملک کے علاوہ کسی اور ملک کا ہے',
  'This event is a session of the campaign already': 'یہ تقریب پہلے ہی اس مہم کی نشست ہے',
  'The file is not a PNG, JPEG or WebP image, nor a PDF': 'یہ فائل PNG، JPEG یا WebP تصویر یا PDF نہیں',
  'The caption is too long': 'عنوان بہت لمبا ہے',
  'The estimate by sex is more than the whole audience': 'جنس کے لحاظ سے اندازہ کل سامعین سے زیادہ ہے',
  'This campaign has events of its country as sessions; remove them before moving it to another country':
    'اس مہم کی نشستیں اس کے ملک کی تقریبات ہیں؛ اسے دوسرے ملک منتقل کرنے سے پہلے انہیں ہٹائیں',
  'Campaigns of its country answer this needs assessment; it stays in that country': 'اس ملک کی مہمات اس جائزے سے منسلک ہیں؛ یہ اسی ملک میں رہے گا',
  'Only a user who works in all countries may change a template shared by every country':
    'تمام ممالک کے مشترکہ سانچے میں صرف وہ صارف تبدیلی کر سکتا ہے جو تمام ممالک میں کام کرتا ہو',
  'Only a user who works in all countries may add a template shared by every country':
    'تمام ممالک کے لیے مشترکہ سانچہ صرف وہ صارف شامل کر سکتا ہے جو تمام ممالک میں کام کرتا ہو',
  'A trainer may change only the templates they wrote; ask a programme manager':
    'تربیت کار صرف اپنے بنائے ہوئے سانچوں میں تبدیلی کر سکتا ہے؛ پروگرام منیجر سے کہیں',
  'Choose the country of the template': 'سانچے کا ملک منتخب کریں',
  'The items do not fit this template': 'سوالات اس سانچے سے مطابقت نہیں رکھتے',
  'Not an item of this template': 'یہ اس سانچے کا سوال نہیں',
  'An item keeps its kind; add a new item instead': 'سوال کی قسم تبدیل نہیں ہوتی؛ اس کے بجائے نیا سوال شامل کریں',
  'Not an option of this item': 'یہ اس سوال کا اختیار نہیں',
  'A template that events use keeps its country': 'جو سانچہ تقریبات میں استعمال ہو اس کا ملک تبدیل نہیں ہوتا',
  'Used by events': 'تقریبات میں استعمال ہو رہا ہے',
  'A choice item needs at least 2 options': 'انتخابی سوال کے کم از کم 2 اختیارات ضروری ہیں',
  'Only a choice item has options': 'اختیارات صرف انتخابی سوال کے ہوتے ہیں',
  'The same item twice': 'ایک ہی سوال دو بار',
  'This event has a questionnaire already': 'اس تقریب کا سوالنامہ پہلے سے موجود ہے',
  'Unknown template': 'نامعلوم سانچہ',
  'Not a feedback link': 'یہ سوالنامے کا لنک نہیں',
  'One of value, optionId or text': 'value، optionId یا text میں سے صرف ایک',
  'The answers do not fit the items of this questionnaire': 'جوابات اس سوالنامے کے سوالات سے مطابقت نہیں رکھتے',
  'Not an item of this questionnaire': 'یہ اس سوالنامے کا سوال نہیں',
  'A Likert item takes a value from 1 to 5': 'اس سوال کا جواب 1 سے 5 تک کا ایک درجہ ہے',
  'A free-text item takes text': 'اس سوال کا جواب لکھ کر دیا جاتا ہے',
  'This questionnaire is closed; ask your trainer': 'یہ سوالنامہ بند ہو چکا ہے؛ اپنے تربیت کار سے پوچھیں',
  'This submission id was already used for another questionnaire': 'یہ جمع کرانے کی شناخت (id) پہلے ہی کسی اور سوالنامے کے لیے استعمال ہو چکی ہے',
  'You have answered this questionnaire already; one per person': 'آپ یہ سوالنامہ پہلے ہی بھر چکے ہیں؛ ہر فرد ایک بار',
  // Master trainers and the training cascade
  'Master trainer not found': 'ماسٹر ٹرینر نہیں ملا',
  'This event is not a training of trainers': 'یہ تقریب تربیت کاروں کی تربیت نہیں',
  'Not a training of trainers': 'تربیت کاروں کی تربیت نہیں',
  'Only a participant who attended this training of trainers can graduate from it':
    'صرف وہی شریک ماسٹر ٹرینر بن سکتا ہے جو تربیت کاروں کی اس تربیت میں حاضر رہا ہو',
  'Did not attend as a participant': 'بطور شریک حاضر نہیں رہے',
  'Nothing to change': 'تبدیل کرنے کو کچھ نہیں',
  // Break-glass openings of case files, reviewed on the System page
  'Another administrator reviews your own break-glass openings': 'آپ کی اپنی ہنگامی رسائیوں کا جائزہ کوئی دوسرا منتظم لیتا ہے',
  'Reviewed already': 'اس کا جائزہ پہلے ہی لیا جا چکا ہے',
  'Break-glass entry not found': 'ہنگامی رسائی کا اندراج نہیں ملا',
  // Case management by the SOPs (issue 13)
  "Approving the case plan, closing and reopening a case are a supervisor's: ask for approval":
    'کیس پلان کی منظوری، کیس بند کرنا اور دوبارہ کھولنا نگران کا کام ہے: منظوری طلب کریں',
  'Needs a supervisor': 'نگران درکار ہے',
  'Say why in a note': 'نوٹ میں وجہ لکھیں',
  'Required for this move': 'اس مرحلے کے لیے ضروری ہے',
  'This approval has been asked for already and waits for a supervisor': 'یہ منظوری پہلے ہی طلب کی جا چکی ہے اور نگران کی منتظر ہے',
  'This request was decided already': 'اس درخواست کا فیصلہ ہو چکا ہے',
  'Approval not found': 'منظوری کی درخواست نہیں ملی',
  'Task not found': 'کام نہیں ملا',
  'The case is closed: reopen it before adding tasks': 'کیس بند ہے: کام شامل کرنے سے پہلے اسے دوبارہ کھولیں',
  "A task goes to a data officer or supervisor of the case's agency": 'کام کیس کے ادارے کے ڈیٹا آفیسر یا نگران کو دیا جاتا ہے',
  'Not of this agency': 'اس ادارے سے نہیں',
  'The exploitation ended before it started': 'استحصال شروع ہونے سے پہلے ختم درج ہے',
  'The exploitation started before the recruitment': 'استحصال بھرتی سے پہلے شروع درج ہے',
  'The verdict is dated before the FIR': 'فیصلے کی تاریخ ایف آئی آر سے پہلے کی ہے',
  'The justice track is not opened through break-glass': 'انصاف کا ریکارڈ ہنگامی رسائی سے نہیں کھلتا',
  'Reading the justice track needs the justice grant on your account: ask an administrator':
    'انصاف کا ریکارڈ پڑھنے کے لیے آپ کے اکاؤنٹ پر انصاف کی اجازت درکار ہے: منتظم سے کہیں',
  'Only data officers and supervisors may be given the justice track': 'انصاف کے ریکارڈ کی اجازت صرف ڈیٹا آفیسرز اور نگرانوں کو دی جا سکتی ہے',
  // zod's own wording for the checks an import runs itself (the route answers use zod's Urdu locale)
  'Invalid email address': 'غلط ای میل ایڈریس',
  'Invalid input: expected int, received number': 'پورا عدد ہونا چاہیے',
  // The service directory (issue 13)
  'Service not found': 'خدمت نہیں ملی',
  'Providers must be service_provider accounts': 'فراہم کنندگان کے اکاؤنٹ service_provider ہونے چاہییں',
  'Not a service provider account': 'یہ خدمت فراہم کنندہ کا اکاؤنٹ نہیں',
  'You may not keep services of this country': 'آپ اس ملک کی خدمات کا اندراج نہیں کر سکتے',
  'Not one of your countries': 'آپ کے ممالک میں سے نہیں',
  'More free beds than beds': 'خالی بستر کل بستروں سے زیادہ ہیں',
  'The file is not a ZIP of HSDS CSV files': 'یہ فائل HSDS کی CSV فائلوں کی ZIP نہیں',
  'The ZIP is too large': 'ZIP فائل بہت بڑی ہے',
  'The ZIP has no services.csv': 'ZIP میں services.csv نہیں',
  'The file has errors: nothing was imported': 'فائل میں غلطیاں ہیں: کچھ بھی درآمد نہیں ہوا',
  'Send the ZIP as multipart/form-data in a field named "file"': 'ZIP کو multipart/form-data میں "file" نامی خانے میں بھیجیں',
  'The upload could not be read': 'بھیجی گئی فائل پڑھی نہ جا سکی',
  'The minimum age is above the maximum': 'کم از کم عمر زیادہ سے زیادہ عمر سے بڑی ہے',
  'An ISO 639 language code such as ur, ps or bal': 'ISO 639 زبان کا کوڈ، جیسے ur، ps یا bal',
  'Give bedsFree or slotsOpen': 'خالی بستر (bedsFree) یا دستیاب جگہیں (slotsOpen) دیں',
  'Unknown organisation, and organizations.csv does not name it': 'نامعلوم ادارہ، اور organizations.csv میں اس کا نام نہیں',
  'A service of another country has this id': 'یہ شناخت کسی دوسرے ملک کی خدمت کی ہے',
  'The same service twice': 'ایک ہی خدمت دو بار',
  // HTCDS exchange (issue 13)
  'A case needs the person’s name': 'کیس کے لیے فرد کا نام ضروری ہے',
  'Who decided the trafficking status is needed with it': 'انسانی تجارت کی حیثیت کے ساتھ یہ بھی ضروری ہے کہ فیصلہ کس نے کیا',
  'The trafficking status is needed with who decided it': 'فیصلہ کرنے والے کے ساتھ انسانی تجارت کی حیثیت بھی ضروری ہے',
  'Name the country of the case (you work in more than one)': 'کیس کا ملک لکھیں (آپ ایک سے زیادہ ممالک میں کام کرتے ہیں)',
  'Longer than 500 characters': '500 حروف سے زیادہ لمبا',
  'No case in the sheet: cases start on row 3': 'شیٹ میں کوئی کیس نہیں: کیس تیسری قطار سے شروع ہوتے ہیں',
  'Not a readable .xlsx file: save the HTCDS case sheet as .xlsx': 'یہ پڑھی جا سکنے والی ‎.xlsx فائل نہیں: HTCDS کیس شیٹ کو ‎.xlsx میں محفوظ کریں',
  'The file has no sheet': 'فائل میں کوئی شیٹ نہیں',
  'Row 1 names no HTCDS field: is this the HTCDS case sheet?': 'پہلی قطار میں کسی HTCDS فیلڈ کا نام نہیں: کیا یہ HTCDS کیس شیٹ ہے؟',
  'Send the .xlsx as multipart/form-data in a field named "file"': '‎.xlsx کو multipart/form-data میں "file" نامی خانے میں بھیجیں',
};

/** A pre- or post-test, in Urdu. */
const testKindUrdu = (kind: string | undefined) => (kind === 'pre' ? 'ابتدائی ٹیسٹ' : 'اختتامی ٹیسٹ');

const patterns: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^The SOP does not move a case from (\w+) to (\w+)$/, (m) => `ایس او پی کیس کو ${m[1]} سے ${m[2]} پر منتقل نہیں کرتا`],
  [/^(.+) is already on this event's list$/, (m) => `${m[1]} پہلے ہی اس تقریب کی فہرست میں ہیں`],
  [/^The same person as line (\d+): one person chosen twice$/, (m) => `سطر ${m[1]} والا فرد: ایک ہی فرد دو بار منتخب کیا گیا`],
  [/^This organisation is used by (\d+) people or events; change those first$/, (m) => `یہ ادارہ ${m[1]} افراد یا تقریبات میں درج ہے؛ پہلے انہیں تبدیل کریں`],
  [
    /^This person took part in (\d+) events; merge them into another record instead of deleting$/,
    (m) => `یہ فرد ${m[1]} تقریبات میں شریک رہے؛ حذف کرنے کے بجائے انہیں دوسرے ریکارڈ میں ضم کریں`,
  ],
  [
    /^This organisation is used by (\d+) people or events, and by records in other countries; change those first$/,
    (m) => `یہ ادارہ ${m[1]} افراد یا تقریبات میں، اور دوسرے ممالک کے ریکارڈ میں درج ہے؛ پہلے انہیں تبدیل کریں`,
  ],
  [
    /^This person took part in (\d+) events, and in events in other countries; merge them into another record instead of deleting$/,
    (m) => `یہ فرد ${m[1]} تقریبات میں، اور دوسرے ممالک کی تقریبات میں شریک رہے؛ حذف کرنے کے بجائے انہیں دوسرے ریکارڈ میں ضم کریں`,
  ],
  [
    /^This programme has (\d+) events, and events in other countries; move or delete them first$/,
    (m) => `اس پروگرام کی ${m[1]} تقریبات ہیں، اور دوسرے ممالک میں بھی تقریبات ہیں؛ پہلے انہیں منتقل یا حذف کریں`,
  ],
  [/^This programme has (\d+) events; move or delete them first$/, (m) => `اس پروگرام کی ${m[1]} تقریبات ہیں؛ پہلے انہیں منتقل یا حذف کریں`],
  [/^The event runs from (\S+) to (\S+)$/, (m) => `تقریب ${m[1]} سے ${m[2]} تک ہے`],
  [
    /^Too many failed sign-ins for this account; try again in (\d+) (minutes|seconds|second)$/,
    (m) => `اس اکاؤنٹ میں بہت بار غلط سائن ان ہوا؛ ${m[1]} ${m[2] === 'minutes' ? 'منٹ' : 'سیکنڈ'} بعد دوبارہ کوشش کریں`,
  ],
  [
    /^Too many failed sign-ins from this network address; try again in (\d+) (minutes|seconds|second)$/,
    (m) => `اس نیٹ ورک ایڈریس سے بہت بار غلط سائن ان ہوا؛ ${m[1]} ${m[2] === 'minutes' ? 'منٹ' : 'سیکنڈ'} بعد دوبارہ کوشش کریں`,
  ],
  [/^(\d+) rows have problems; nothing was imported$/, (m) => `${m[1]} قطاروں میں مسائل ہیں؛ کچھ بھی درآمد نہیں ہوا`],
  // HTCDS exchange (issue 13)
  [/^"(.*)" is not in the HTCDS pick-list$/, (m) => `"${m[1]}" HTCDS کی فہرست میں نہیں`],
  [/^"(.*)" is not a place as CC or CC:Province \(ISO 3166-1 alpha-2\)$/, (m) => `"${m[1]}" جگہ کی صورت CC یا CC:صوبہ (ISO 3166-1 alpha-2) میں نہیں`],
  [/^Not a date \(YYYY-MM-DD\)$/, () => 'تاریخ (YYYY-MM-DD) نہیں'],
  [/^Before (\d{4}-\d{2}-\d{2})$/, (m) => `${m[1]} سے پہلے`],
  [/^Not an age in years \(0 to 120\)$/, () => 'سالوں میں عمر نہیں (0 سے 120)'],
  [/^At most (\d+) rows of (\d+) columns can be imported at once$/, (m) => `ایک بار میں زیادہ سے زیادہ ${m[1]} قطاریں، ${m[2]} کالموں کی، درآمد ہو سکتی ہیں`],
  [/^At most (\d+) cases can be imported at once$/, (m) => `ایک بار میں زیادہ سے زیادہ ${m[1]} کیس درآمد ہو سکتے ہیں`],
  [/^At most (\d+) cases are exported at once: narrow the filters$/, (m) => `ایک بار میں زیادہ سے زیادہ ${m[1]} کیس برآمد ہوتے ہیں: فلٹر محدود کریں`],
  [/^At most (\d+) rows can be imported at once$/, (m) => `ایک بار میں زیادہ سے زیادہ ${m[1]} قطاریں درآمد ہو سکتی ہیں`],
  [
    /^A CSV list may have at most (\d+) lines, blank ones and those inside cells included$/,
    (m) => `CSV فہرست میں زیادہ سے زیادہ ${m[1]} سطریں ہو سکتی ہیں، خالی سطریں اور خانوں کے اندر کی سطریں بھی شامل`,
  ],
  [
    /^A row has more than (\d+) cells; a participant list has one column per field$/,
    (m) => `ایک قطار میں ${m[1]} سے زیادہ خانے ہیں؛ شرکاء کی فہرست میں ہر معلومات کا ایک کالم ہوتا ہے`,
  ],
  [/^An event lasts at most (\d+) days$/, (m) => `تقریب زیادہ سے زیادہ ${m[1]} دن کی ہو سکتی ہے`],
  [/^"(.*)" is not a sex we know: write female, male, other or unknown$/, (m) => `"${m[1]}" جنس کے طور پر معلوم نہیں: female، male، other یا unknown لکھیں`],
  [/^"(.*)" is not a role: write (.+)$/, (m) => `"${m[1]}" کوئی کردار نہیں: ان میں سے لکھیں: ${m[2]}`],
  [/^"(.*)" is not yes or no$/, (m) => `"${m[1]}" ہاں (yes) یا نہیں (no) نہیں`],
  [
    /^The same (email|phone) as line (\d+): one person twice in the file$/,
    (m) => `سطر ${m[2]} والا ${m[1] === 'email' ? 'ای میل' : 'فون نمبر'}: ایک ہی فرد فائل میں دو بار`,
  ],
  [/^Two columns mean "(.+)"; keep one$/, (m) => `دو کالموں کا مطلب "${m[1]}" ہے؛ ایک رکھیں`],
  [/^No (organisation|user) (.+)$/, (m) => `${m[1] === 'organisation' ? 'ایسا کوئی ادارہ نہیں' : 'ایسا کوئی صارف نہیں'}: ${m[2]}`],
  [/^Too big: expected string to have <=(\d+) characters$/, (m) => `بہت لمبا: زیادہ سے زیادہ ${m[1]} حروف`],
  [/^Too small: expected number to be >=(-?\d+)$/, (m) => `بہت چھوٹا: کم از کم ${m[1]}`],
  [/^Too big: expected number to be <=(-?\d+)$/, (m) => `بہت بڑا: زیادہ سے زیادہ ${m[1]}`],
  // Tests
  [/^This question is asked by (\d+) tests; take it out of them first$/, (m) => `یہ سوال ${m[1]} ٹیسٹوں میں شامل ہے؛ پہلے اسے ان سے نکالیں`],
  [/^No question (\S+) for an event in ([A-Z]{2})$/, (m) => `${m[2]} کی تقریب کے لیے ایسا کوئی سوال نہیں: ${m[1]}`],
  [/^This event has a (pre|post)-test already$/, (m) => `اس تقریب کا ${testKindUrdu(m[1])} پہلے سے موجود ہے`],
  [/^This event has form ([AB]) of its (pre|post)-test already$/, (m) => `اس تقریب کے ${testKindUrdu(m[2])} کا فارم ${m[1]} پہلے سے موجود ہے`],
  [
    /^The (pre|post)-test of this event is either one test or parallel forms A and B, not both$/,
    (m) => `اس تقریب کا ${testKindUrdu(m[1])} یا تو ایک ٹیسٹ ہے یا متوازی فارم A اور B، دونوں نہیں`,
  ],
  [
    /^This test has (\d+) attempts; a test that has been answered stays$/,
    (m) => `اس ٹیسٹ کی ${m[1]} کوششیں ہیں؛ جس ٹیسٹ کے جواب دیے جا چکے ہوں وہ حذف نہیں ہوتا`,
  ],
  [
    /^(.+) has answered the (pre|post)-test of this event already; one attempt per person$/,
    (m) => `${m[1]} اس تقریب کا ${testKindUrdu(m[2])} پہلے ہی دے چکے ہیں؛ ہر فرد ایک بار`,
  ],
  // Feedback questionnaires
  [
    /^This template is used by the questionnaires of (\d+) events; take it off them first$/,
    (m) => `یہ سانچہ ${m[1]} تقریبات کے سوالناموں میں استعمال ہو رہا ہے؛ پہلے اسے ان سے ہٹائیں`,
  ],
  [
    /^This questionnaire has (\d+) responses; a questionnaire that has been answered stays$/,
    (m) => `اس سوالنامے کے ${m[1]} جوابات آ چکے ہیں؛ جس سوالنامے کے جواب آ چکے ہوں وہ ہٹایا نہیں جاتا`,
  ],
  [/^(.+) has answered this event's questionnaire already; one per person$/, (m) => `${m[1]} اس تقریب کا سوالنامہ پہلے ہی بھر چکے ہیں؛ ہر فرد ایک بار`],
  [/^No template (\S+) for an event in ([A-Z]{2})$/, (m) => `${m[2]} کی تقریب کے لیے ایسا کوئی سانچہ نہیں: ${m[1]}`],
  [/^At most (\d+)$/, (m) => `زیادہ سے زیادہ ${m[1]}`],
  [/^At most (\d+) points$/, (m) => `زیادہ سے زیادہ ${m[1]} نمبر`],
  [/^No route (\S+) (\S+)$/, (m) => `ایسا کوئی راستہ نہیں: ${m[1]} ${m[2]}`],
];

/** The Urdu for a server message, or the message itself when there is none yet. */
export function toUrdu(message: string): string {
  const found = exact[message];
  if (found) return found;
  for (const [pattern, render] of patterns) {
    const match = message.match(pattern);
    if (match) return render(match);
  }
  return message;
}
