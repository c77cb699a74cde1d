# CPack: a .deb and a .tar.gz on Linux, NSIS and ZIP on Windows, a DragNDrop disk image on macOS.
# Build a package with:  cmake --build <build> && cd <build> && cpack -G DEB   (see installer/README.md)

set(CPACK_PACKAGE_NAME ${TTS_PACKAGE_NAME})
set(CPACK_PACKAGE_VENDOR "The TikTok Shop Dashboard developers")
set(CPACK_PACKAGE_CONTACT ${TTS_MAINTAINER})
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_HOMEPAGE_URL ${PROJECT_HOMEPAGE_URL})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "orders, products and sales charts of a TikTok Shop, offline")
# Lines under 80 columns for the Debian control file; an empty line separates paragraphs.
set(CPACK_PACKAGE_DESCRIPTION [=[
TikTok Shop Dashboard copies a TikTok Shop seller's orders and products into
a local SQLite database and draws sales charts from it, offline. Refresh
fetches only what changed; Full Resync fetches everything at the speed the API
allows and continues where it stopped. The app secret and the tokens are kept
in the system keychain (the Secret Service on Linux).

The package holds the desktop application, the tiktok-shop-sync command for
cron, systemd timers and scripts, and tiktok-shop-demo-server, a local
emulator of the TikTok Shop Open API that serves a demo shop.

This is independent software, not made or endorsed by TikTok.]=])
set(CPACK_PACKAGE_INSTALL_DIRECTORY "TikTok Shop Dashboard")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_SOURCE_DIR}/license.txt)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/")
if(TARGET tiktok-shop-dashboard)
    set(CPACK_PACKAGE_EXECUTABLES tiktok-shop-dashboard "TikTok Shop Dashboard")
endif()

if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR DEB TGZ)

    # Debian: the runtime packages of Debian 12's Qt 6 and QtKeychain by name (plugins included:
    # the SQLite driver and the platform plugins are not shared-library dependencies), plus what
    # dpkg-shlibdeps finds (libc6, libstdc++6 with their versions).
    set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION utils)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(qt ">= 6.4")
    set(deps
        "libqt6core6 (${qt})" "libqt6network6 (${qt})" "libqt6sql6 (${qt})" "libqt6sql6-sqlite (${qt})"
        "libqt6dbus6 (${qt})" "libqt6keychain1 (>= 0.13)")
    if(TARGET tiktok-shop-dashboard)
        list(APPEND deps "libqt6gui6 (${qt})" "libqt6widgets6 (${qt})" "libqt6charts6 (${qt})"
             "qt6-qpa-plugins (${qt})")
    endif()
    list(JOIN deps ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
    find_program(TTS_DPKG_SHLIBDEPS dpkg-shlibdeps)
    if(TTS_DPKG_SHLIBDEPS)
        set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    endif()
    # A keychain to keep the secrets in (without one the app offers session-only mode).
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager")
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "sqlite3")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

    # The tarball (tiktok-shop-dashboard-VERSION-Linux.tar.gz) unpacks anywhere, e.g. /opt.
elseif(WIN32)
    set(CPACK_GENERATOR NSIS ZIP)
    set(icon ${TTS_RESOURCES}/${TTS_ICON_NAME}.ico)
    set(CPACK_NSIS_PACKAGE_NAME "TikTok Shop Dashboard")
    set(CPACK_NSIS_DISPLAY_NAME "TikTok Shop Dashboard")
    set(CPACK_NSIS_MUI_ICON ${icon})
    set(CPACK_NSIS_MUI_UNIICON ${icon})
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\tiktok-shop-dashboard.exe")
    set(CPACK_NSIS_URL_INFO_ABOUT ${PROJECT_HOMEPAGE_URL})
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_MODIFY_PATH ON) # offers to put bin (with tiktok-shop-sync) on PATH
    set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "TikTokShopDashboard")
    if(TARGET tiktok-shop-dashboard)
        set_target_properties(tiktok-shop-dashboard PROPERTIES WIN32_EXECUTABLE ON)
    endif()
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME "TikTok Shop Dashboard")
    set(CPACK_DMG_FORMAT UDZO)
endif()

# Qt's deploy script copies the Qt libraries and plugins next to the executables (windeployqt,
# macdeployqt). Qt 6.4 has qt_generate_deploy_app_script (technical preview; its FILENAME_VARIABLE
# became OUTPUT_SCRIPT in 6.5) and supports Windows and macOS only: Linux packages depend on the
# distribution's Qt instead.
if((WIN32 OR APPLE) AND TARGET tiktok-shop-dashboard)
    if(APPLE)
        set(bundle "${TTS_PACKAGE_NAME}.app")
        find_program(TTS_ICONUTIL iconutil)
        if(TTS_ICONUTIL)
            set(iconset ${CMAKE_CURRENT_BINARY_DIR}/${TTS_ICON_NAME}.iconset)
            set(icns ${CMAKE_CURRENT_BINARY_DIR}/${TTS_ICON_NAME}.icns)
            file(MAKE_DIRECTORY ${iconset})
            foreach(size 16 32 128 256 512)
                math(EXPR double "${size} * 2")
                configure_file(${TTS_RESOURCES}/png/${TTS_ICON_NAME}-${size}.png
                               ${iconset}/icon_${size}x${size}.png COPYONLY)
                if(EXISTS ${TTS_RESOURCES}/png/${TTS_ICON_NAME}-${double}.png)
                    configure_file(${TTS_RESOURCES}/png/${TTS_ICON_NAME}-${double}.png
                                   ${iconset}/icon_${size}x${size}@2x.png COPYONLY)
                endif()
            endforeach()
            execute_process(COMMAND ${TTS_ICONUTIL} -c icns -o ${icns} ${iconset})
            target_sources(tiktok-shop-dashboard PRIVATE ${icns})
            set_source_files_properties(${icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
            set_target_properties(tiktok-shop-dashboard PROPERTIES MACOSX_BUNDLE_ICON_FILE ${TTS_ICON_NAME}.icns)
        endif()
        set_target_properties(tiktok-shop-dashboard PROPERTIES
            MACOSX_BUNDLE ON
            MACOSX_BUNDLE_BUNDLE_NAME "TikTok Shop Dashboard"
            MACOSX_BUNDLE_GUI_IDENTIFIER io.github.tiktok-shop-dashboard.dashboard
            MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
            MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION})
        # The helpers inside the bundle need their Qt references rewritten too, which
        # qt_generate_deploy_app_script cannot be told in 6.4: write the script ourselves.
        set(helpers "")
        foreach(exe tiktok-shop-sync tiktok-shop-demo-server)
            if(TARGET ${exe})
                list(APPEND helpers "${bundle}/Contents/MacOS/${exe}")
            endif()
        endforeach()
        set(deploy_script ${CMAKE_CURRENT_BINARY_DIR}/deploy-macos.cmake)
        file(GENERATE OUTPUT ${deploy_script} CONTENT "
include(\"${QT_DEPLOY_SUPPORT}\")
qt6_deploy_runtime_dependencies(EXECUTABLE \"${bundle}\" ADDITIONAL_EXECUTABLES ${helpers})
")
    else()
        if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
            qt_generate_deploy_app_script(TARGET tiktok-shop-dashboard OUTPUT_SCRIPT deploy_script)
        else()
            qt_generate_deploy_app_script(TARGET tiktok-shop-dashboard FILENAME_VARIABLE deploy_script)
        endif()
        # QtKeychain is not part of Qt: windeployqt leaves it out.
        install(IMPORTED_RUNTIME_ARTIFACTS Qt6Keychain::Qt6Keychain
                RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT applications)
    endif()
    install(SCRIPT ${deploy_script} COMPONENT applications)
endif()

include(CPack)
