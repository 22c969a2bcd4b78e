package thumb

// The EXIF reading and turning, for the tests of package thumb_test.
var (
	ExifOrientation = exifOrientation
	Orient          = orient
)

// BoxScale reduces a picture the way thumbnails are made.
var BoxScale = boxScale
