// Hard-wrapped texts the reflow tests share. `wire`: Reuters-21578 style, 64 columns, a paragraph
// starts with four spaces, no blank lines. `arabic`: wrapped at 60 columns, paragraphs apart by a
// short last line only (no blank line, no indent).

export const wire = [
  'Showers continued throughout the week in the Bahia cocoa zone,',
  'alleviating the drought since early January and improving',
  'prospects for the coming temporao, although normal humidity',
  'levels have not been restored, Comissaria Smith said.',
  '    The dry period means the temporao will be late this year.',
  '    Arrivals for the week ended February 22 were 155,221 bags',
  'of 60 kilos making a cumulative total for the season of 5.93',
  'mln against 5.81 at the same stage last year, said the English-',
  'language report.',
  ' Reuter',
].join('\n');

// Arabic wrapped at 60 columns, paragraphs apart by a short last line only (no blank line, no indent).
export const arabic = [
  'حدد رئيس الوزراء البريطاني ديفيد كاميرون، اليوم (الاثنين)،',
  'ملامح استراتيجية للتصدي للتطرف داخل بريطانيا؛ وهي مسألة',
  'اعتبرها كاميرون صراع جيلنا، متعهدا خلال خطابه في مدينة',
  'بيرمنغهام بالتصدي لهؤلاء الذين ينشرون التطرف.',
  'ورسم كاميرون الاطار العام لاستراتيجية مكافحة التطرف التي من',
  'المقرر ان تنشر كاملة في وقت لاحق هذا العام، والتي تسعى',
  'للتصدي لانتشار الأفكار المتطرفة.',
].join('\n');
